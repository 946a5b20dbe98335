import { describe, expect, it } from 'vitest';
import { depotCounts } from '../../src/core/seed';
import { eventDraftSchema } from '../../src/shared/domain/events';
import { PROVINCES } from '../../src/shared/domain/provinces';
import { ASOF, regionLog } from './fixtures';
import { replay } from './replay';

describe('demo scale', () => {
  it('spreads about 600 depots over all provinces, several each', () => {
    const counts = depotCounts('demo');
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(600);
    expect(counts.size).toBe(PROVINCES.length);
    for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(6);
    // populous Guangdong holds more than sparse Ningxia
    expect(counts.get('440000')).toBeGreaterThan(3 * (counts.get('640000') ?? 0));
  });

  it('keeps the invariants for a whole province', () => {
    const log = regionLog('430000', { scale: 'demo', seed: 7, asOf: ASOF });
    const book = replay(log, ASOF);
    expect(book.violations).toEqual([]);
    expect(book.depots.size).toBe(depotCounts('demo').get('430000'));
    expect(book.lots.size).toBeGreaterThan(book.depots.size * 40);
    // a sample is enough here; the tiny scale parses every draft
    for (let i = 0; i < log.length; i += 97) expect(eventDraftSchema.safeParse(log[i]).success).toBe(true);
  });
});
