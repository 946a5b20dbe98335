import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNormsFile } from '../../src/core/dispatch';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import { ReplicaClient } from '../../src/core/replica/replica-client';
import { seedInto } from '../../src/core/seed/seed-replica';
import { createDispatchService, type DispatchService } from '../../src/main/host/dispatch-service';
import { HostError, dispatchScenarioSchema, type DispatchProgress, type DispatchRecommendation } from '../../src/shared/contract';
import { TINY } from '../seed/fixtures';

/**
 * `dispatch:recommend` on a real seeded, encrypted tiny replica, through the replica worker and
 * the solver's own worker thread. Supply above floor and demand are recomputed here independently
 * (SQL over the replica, arithmetic over the norms file), not with the code under test.
 */

let dir: string;
let file: string;
let key: Buffer;
let replica: ReplicaClient;
let service: DispatchService;
let direct: Replica;
const progress: DispatchProgress[] = [];

/** Stock above the class floor per depot and category, the floor shared by the intake mix (README, "Safety floor"). */
const ABOVE_FLOOR_SQL = `
  WITH shares AS (SELECT class, max(safety_floor_share) AS share FROM categories GROUP BY class),
  held AS (SELECT ds.depot, ds.category, c.class, ds.quantity FROM depot_stock ds JOIN categories c ON c.code = ds.category WHERE ds.quantity > 0),
  took AS (SELECT intake_depot AS depot, category, sum(quantity_in) AS q FROM lots GROUP BY 1, 2),
  mix AS (
    SELECT h.*, coalesce(t.q, 0) AS took,
      sum(coalesce(t.q, 0)) OVER (PARTITION BY h.depot, h.class) AS took_class,
      sum(h.quantity) OVER (PARTITION BY h.depot, h.class) AS held_class,
      count(*) OVER (PARTITION BY h.depot, h.class) AS n
    FROM held h LEFT JOIN took t ON t.depot = h.depot AND t.category = h.category)
  SELECT m.depot, m.category, d.region,
    m.quantity - s.share * coalesce(json_extract(d.capacity, '$.' || m.class), 0) *
      CASE WHEN m.took_class > 0 THEN 1.0 * m.took / m.took_class WHEN m.held_class > 0 THEN 1.0 * m.quantity / m.held_class ELSE 1.0 / m.n END AS above
  FROM mix m JOIN depots d ON d.code = m.depot JOIN shares s ON s.class = m.class`;

interface NormRow {
  category: string;
  basis: string;
  amount: number;
  share: number;
  unitContent: number;
  wholeUnits: boolean;
  season: string;
}

/** Demand per category straight from the norms file: people × amount × share ÷ unit content (× days). */
function expectedDemand(people: number, days: number, cold: boolean): Map<string, number> {
  const norms = (JSON.parse(readFileSync(defaultNormsFile(), 'utf8')) as { norms: NormRow[] }).norms;
  const exact = new Map<string, number>();
  for (const n of norms) {
    if (n.season === 'cold' && !cold) continue;
    const q = (people * n.amount * n.share * (n.basis === 'per-person-day' ? days : 1)) / n.unitContent;
    exact.set(n.category, (exact.get(n.category) ?? 0) + q);
  }
  return new Map([...exact].map(([c, q]) => [c, Math.ceil(q - 1e-6)]));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-dispatch-replica-'));
  file = join(dir, 'tiny.db');
  key = newReplicaKey();
  const seeded = openReplica(file, key, { create: true });
  seedInto(seeded, TINY);
  seeded.close();
  replica = await ReplicaClient.open({ file, key });
  direct = openReplica(file, key, { readonly: true });
  service = createDispatchService({ replica, commands: () => null, progress: (p) => progress.push(p) });
});

afterAll(async () => {
  await service?.dispose();
  direct?.close();
  await replica?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('dispatch:recommend on a seeded replica', () => {
  const people = 200_000;
  const days = 7;
  let rec: DispatchRecommendation;

  beforeAll(async () => {
    rec = await service.recommend({ scenario: dispatchScenarioSchema.parse({ regions: ['430000'], population: { '430000': people }, durationDays: days }), runId: 'r1' });
  });

  it('sends no depot more of a category than it holds above its safety floor', () => {
    const above = new Map(
      (direct.db.prepare(ABOVE_FLOOR_SQL).all() as { depot: string; category: string; region: string; above: number }[]).map((r) => [`${r.depot}|${r.category}`, r]),
    );
    const sent = new Map<string, number>();
    for (const f of rec.plan.flows) sent.set(`${f.from}|${f.category}`, (sent.get(`${f.from}|${f.category}`) ?? 0) + f.quantity);
    expect(rec.plan.flows.length).toBeGreaterThan(0);
    for (const [k, q] of sent) {
      const row = above.get(k);
      expect(row, k).toBeDefined();
      expect(q, k).toBeLessThanOrEqual(Math.floor(row!.above + 1e-9));
      expect(Number.isInteger(q)).toBe(true);
    }
    for (const f of rec.plan.flows) {
      expect(f.fromRegion).toBe(above.get(`${f.from}|${f.category}`)!.region);
      expect(f.available).toBe(Math.floor(above.get(`${f.from}|${f.category}`)!.above + 1e-9));
    }
    // Binding: exactly the depots whose whole supply the plan uses.
    for (const b of rec.explanation.binding) expect(sent.get(`${b.depot}|${b.category}`)).toBe(Math.floor(above.get(`${b.depot}|${b.category}`)!.above + 1e-9));
    const bindingKeys = new Set(rec.explanation.binding.map((b) => `${b.depot}|${b.category}`));
    for (const [k, q] of sent) expect(bindingKeys.has(k)).toBe(q === Math.floor(above.get(k)!.above + 1e-9));
  });

  it('meets the demand the norms give, or names the shortfall', () => {
    const demand = expectedDemand(people, days, false);
    expect(new Map(rec.explanation.demandByCategory.map((b) => [b.category, b.demand]))).toEqual(demand);
    for (const b of rec.explanation.demandByCategory) {
      const sent = rec.plan.flows.filter((f) => f.category === b.category).reduce((n, f) => n + f.quantity, 0);
      const short = rec.plan.shortfalls.filter((s) => s.category === b.category).reduce((n, s) => n + s.quantity, 0);
      expect(sent, b.category).toBe(b.supplied);
      expect(sent + short, b.category).toBe(demand.get(b.category));
      // Something is short only when every unit above floor anywhere went to it.
      if (short > 0) expect(sent, b.category).toBe(b.available);
    }
    expect(rec.plan.flows.every((f) => f.to === '430000' && f.toName === '湖南省')).toBe(true);
  });

  it('reports its progress: reading, each category solved, done', () => {
    const mine = progress.filter((p) => p.runId === 'r1');
    expect(mine[0]).toMatchObject({ phase: 'reading' });
    const solving = mine.filter((p) => p.phase === 'solving');
    expect(solving.at(-1)).toMatchObject({ done: rec.size.categories, total: rec.size.categories });
    expect(mine.at(-1)).toMatchObject({ phase: 'done' });
  });

  it('refuses a region that is not a province, with its reason', async () => {
    await expect(service.recommend({ scenario: dispatchScenarioSchema.parse({ regions: ['000000'], population: { '000000': 10 }, durationDays: 1 }) })).rejects.toThrow(
      /dispatch:recommend: no province with adcode 000000/,
    );
  });

  it('cannot issue from a host without a link: a clear error, nothing sent', async () => {
    const line = rec.plan.flows[0]!;
    const err = await service.issue({ label: 'test', lines: [{ from: line.from, to: line.to, category: line.category, quantity: 1 }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect(err).toMatchObject({ code: 'not-connected', message: expect.stringMatching(/offline/) });
  });
});
