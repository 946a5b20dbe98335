import { describe, expect, it } from 'vitest';
import { seedRegions } from '../../src/core/seed';
import { TINY, allLogs, regionLog } from './fixtures';

describe('seed determinism', () => {
  it('lists the national hub and the 31 provinces', () => {
    const regions = seedRegions();
    expect(regions).toHaveLength(32);
    expect(regions[0]).toBe('000000');
    expect(new Set(regions).size).toBe(32);
  });

  it('produces identical drafts for the same seed, scale and asOf', () => {
    const first = allLogs(TINY);
    for (const region of seedRegions()) {
      expect(JSON.stringify(regionLog(region, TINY))).toBe(JSON.stringify(first.get(region)));
    }
  });

  it('produces different histories for a different seed', () => {
    const a = JSON.stringify(regionLog('430000', TINY));
    const b = JSON.stringify(regionLog('430000', { ...TINY, seed: TINY.seed + 1 }));
    expect(a).not.toBe(b);
  });

  it('generates a region alone exactly as within the full run, in any order', () => {
    const full = allLogs(TINY);
    for (const region of [...seedRegions()].reverse().slice(0, 8)) {
      expect(JSON.stringify(regionLog(region, TINY))).toBe(JSON.stringify(full.get(region)));
    }
  });

  it('ends the history at asOf, with activity up to its last days', () => {
    // 11:00 in Beijing: the last working day is cut short
    const asOf = '2024-01-15T03:00:00Z';
    let latest = 0;
    for (const region of seedRegions()) {
      for (const d of regionLog(region, { ...TINY, asOf })) {
        const t = Date.parse(d.eventTime);
        expect(t).toBeLessThanOrEqual(Date.parse(asOf));
        latest = Math.max(latest, t);
      }
    }
    expect(Date.parse(asOf) - latest).toBeLessThan(3 * 86_400_000);
  });

  it('rejects unknown regions and a malformed asOf', () => {
    expect(() => regionLog('999999')).toThrow(/not a seed region/);
    expect(() => regionLog('430000', { ...TINY, asOf: 'yesterday' })).toThrow(/asOf/);
  });
});
