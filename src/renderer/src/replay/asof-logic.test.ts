import { describe, expect, it } from 'vitest';
import type { LinkState, ReplicaStats } from '../../../shared/contract';
import { ageParts, STALE_AFTER_MS, summariseAsOf } from './asof-logic';

const now = Date.parse('2026-11-01T12:00:00Z');
const region = (code: string, dataAsOf: string | null) => ({ region: code, nameZh: code, nameEn: code, lastSeq: 1, headHash: 'h', dataAsOf });
const stats: ReplicaStats = {
  depots: 0,
  lots: 0,
  events: 0,
  categories: 0,
  chainHead: 'h',
  regions: [region('110000', '2026-11-01T11:59:00Z'), region('430000', '2026-10-31T09:00:00Z'), region('440000', null)],
};
const link = (r: string, status: LinkState['status']): LinkState => ({ region: r, status, server: 'wss://127.0.0.1:1', cursor: 1, headSeq: 1, staleSince: null, reason: null, lastCheckpointSeq: null });

describe('data as of per region', () => {
  it('marks every region stale when the app runs offline, and names the newest data', () => {
    const s = summariseAsOf(stats, {}, now);
    expect(s.offline).toBe(true);
    expect(s.staleCount).toBe(3);
    expect(s.newest).toBe('2026-11-01T11:59:00Z');
  });

  it('keeps a live, recent region current; a down link or old data makes a region stale', () => {
    const s = summariseAsOf(stats, { '110000': link('110000', 'live'), '430000': link('430000', 'live'), '440000': link('440000', 'stale') }, now);
    expect(s.offline).toBe(false);
    expect(s.partial).toBe(true);
    expect(s.regions.map((r) => [r.region, r.stale])).toEqual([
      ['110000', false],
      ['430000', true],
      ['440000', true],
    ]);
    expect(s.regions[0]?.ageMs).toBe(60_000);
    expect(STALE_AFTER_MS).toBeGreaterThan(60_000);
  });

  it('on a fresh demo leaves unlinked regions and the national reference log replica-only, not stale', () => {
    const withNational: ReplicaStats = { ...stats, regions: [...stats.regions, region('000000', '2024-10-05T00:00:00Z')] };
    const s = summariseAsOf(withNational, { '110000': link('110000', 'live') }, now);
    expect(s.regions.map((r) => [r.region, r.stale])).toEqual([
      ['110000', false],
      ['430000', false],
      ['440000', false],
      ['000000', false],
    ]);
    expect(s.staleCount).toBe(0);
  });

  it('tells an age in its largest whole unit', () => {
    expect(ageParts(59_000)).toEqual({ unit: 'minutes', n: 0 });
    expect(ageParts(5 * 3_600_000 + 1)).toEqual({ unit: 'hours', n: 5 });
    expect(ageParts(3 * 86_400_000)).toEqual({ unit: 'days', n: 3 });
  });
});
