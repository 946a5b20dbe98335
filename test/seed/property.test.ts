import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { regionLog } from './fixtures';
import { replay } from './replay';

describe('seed invariants for any seed and asOf (property)', () => {
  it('a generated province log always replays without violations', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom('110000', '460000', '540000', '640000', '650000'),
        fc.date({ min: new Date('2021-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true }),
        (seed, region, date) => {
          const asOf = new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString();
          const log = regionLog(region, { scale: 'tiny', seed, asOf });
          expect(replay(log, asOf).violations).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });
});
