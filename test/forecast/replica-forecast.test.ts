import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForecastQueries, HISTORY_DAYS, HORIZON_DAYS, type ForecastQueries } from '../../src/core/forecast/forecast-queries';
import { createKeyFile } from '../../src/core/replica/key-file';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import { seedInto } from '../../src/core/seed/seed-replica';
import { forecastRiskSchema, regionForecastSchema } from '../../src/shared/contract/forecast-schemas';
import { TINY } from '../seed/fixtures';

/** Forecasts on a real encrypted replica seeded with every province's log. */
let dir: string;
let replica: Replica;
let forecasts: ForecastQueries;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-forecast-'));
  replica = openReplica(join(dir, 'replica.db'), createKeyFile(join(dir, 'replica.key')), { create: true });
  seedInto(replica, TINY);
  forecasts = createForecastQueries(replica.db);
}, 120_000);
afterAll(() => {
  replica?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('forecasts from the replica', () => {
  it('builds each reserve from the log: stock ends at today, issues per day match the log', () => {
    const f = regionForecastSchema.parse(forecasts.region('120000'));
    expect(f.dates).toHaveLength(HISTORY_DAYS);
    expect(f.forecastDates).toHaveLength(HORIZON_DAYS);
    expect(f.reserves.length).toBeGreaterThan(0);
    const now = new Map((replica.db.prepare('SELECT category, quantity FROM province_stock WHERE region = ?').all('120000') as { category: string; quantity: number }[]).map((r) => [r.category, r.quantity]));
    const issued = replica.db
      .prepare(
        `SELECT l.category, substr(e.event_time, 1, 10) AS day, sum(json_extract(e.payload, '$.quantity')) AS quantity
         FROM events e JOIN lots l ON l.id = json_extract(e.payload, '$.lotId') WHERE e.region = ? AND e.type = 'stock.issued' GROUP BY 1, 2`,
      )
      .all('120000') as { category: string; day: string; quantity: number }[];
    for (const r of f.reserves) {
      expect(r.stock.at(-1)).toBe(now.get(r.category) ?? 0);
      expect(r.forecast.point).toHaveLength(HORIZON_DAYS);
      r.forecast.point.forEach((p, k) => {
        expect(r.forecast.lower[k]).toBeLessThanOrEqual(p + 1e-6);
        expect(r.forecast.upper[k]).toBeGreaterThanOrEqual(p - 1e-6);
        expect(r.forecast.lower[k]).toBeGreaterThanOrEqual(0);
      });
      f.dates.forEach((d, i) => expect(r.consumption[i]).toBe(issued.find((x) => x.category === r.category && x.day === d)?.quantity ?? 0));
    }
    expect(issued.some((x) => f.dates.includes(x.day))).toBe(true);
  });

  it('lists the reserves at risk soonest first, each under its floor now or crossing it within the horizon', () => {
    const risk = forecastRiskSchema.parse(forecasts.risk());
    expect(risk.horizonDays).toBe(HORIZON_DAYS);
    for (const r of risk.reserves) {
      expect(r.underFloorNow || (r.crossing.earliest !== null && r.crossing.earliest <= HORIZON_DAYS)).toBe(true);
      const region = forecasts.region(r.region).reserves.find((x) => x.category === r.category);
      expect(region?.crossing).toEqual(r.crossing);
    }
    const soon = risk.reserves.map((r) => (r.underFloorNow ? 0 : (r.crossing.earliest ?? 99)));
    expect(soon).toEqual([...soon].sort((a, b) => a - b));
  });

  it('refuses an unknown province by name', () => {
    expect(() => forecasts.region('990000')).toThrow(/no province 990000/);
  });

  it('after one province moves, refits that province only and agrees with a fresh computation', () => {
    const before = forecasts.region('120000');
    const other = forecasts.region('110000');
    const reserve = before.reserves[0];
    if (!reserve) throw new Error('no reserve in 120000');
    // What an applied batch leaves behind: the province's stock changed and its head moved on.
    replica.db.prepare('UPDATE province_stock SET quantity = quantity + 1000 WHERE region = ? AND category = ?').run('120000', reserve.category);
    replica.db.prepare('UPDATE region_heads SET last_seq = last_seq + 1 WHERE region = ?').run('120000');
    const after = forecasts.region('120000');
    expect(after.reserves.find((r) => r.category === reserve.category)?.stock.at(-1)).toBe((reserve.stock.at(-1) ?? 0) + 1000);
    // The other province's fitted part is the same object: it was not fitted again.
    const otherAfter = forecasts.region('110000');
    expect(otherAfter.reserves[0]?.forecast.point).toBe(other.reserves[0]?.forecast.point);
    expect(after).toEqual(createForecastQueries(replica.db).region('120000'));
    expect(otherAfter).toEqual(createForecastQueries(replica.db).region('110000'));
  });
});
