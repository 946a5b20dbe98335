import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { situationFilterSchema, type SituationFilter } from '../../src/shared/contract/situation-schemas';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import { createSituationQueries, type SituationQueries } from '../../src/core/replica/situation';
import { MOVEMENT_DEPOT, MOVEMENT_TYPES_SQL } from '../../src/core/replica/situation/statements';
import { seedInto } from '../../src/core/seed/seed-replica';
import { groupAlerts } from '../../src/shared/domain/alert-groups';
import { TINY } from '../seed/fixtures';

/** The situation queries on a real seeded tiny replica, each figure checked against SQL written independently. */

let dir: string;
let replica: Replica;
let q: SituationQueries;
let today: string;

const filter = (f: Partial<SituationFilter> = {}): SituationFilter => situationFilterSchema.parse(f);
const one = <T>(sql: string, ...params: unknown[]): T => replica.db.prepare(sql).get(...params) as T;
const all = <T>(sql: string, ...params: unknown[]): T[] => replica.db.prepare(sql).all(...params) as T[];

/** Depot-class rows with stock and floor (floor share: the class's highest category share). */
const DEPOT_CLASS_SQL = `
  WITH shares AS (SELECT class, max(safety_floor_share) AS share FROM categories GROUP BY class),
  held AS (SELECT ds.depot, c.class, sum(ds.quantity) AS q FROM depot_stock ds JOIN categories c ON c.code = ds.category GROUP BY ds.depot, c.class)
  SELECT d.code, d.region, j.key AS class, j.value AS cap, coalesce(h.q, 0) AS held, s.share * j.value AS floor
  FROM depots d, json_each(d.capacity) j
  JOIN shares s ON s.class = j.key
  LEFT JOIN held h ON h.depot = d.code AND h.class = j.key
  WHERE j.value > 0`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-situation-'));
  replica = openReplica(join(dir, 'tiny.db'), newReplicaKey(), { create: true });
  seedInto(replica, TINY);
  // No event sets an emergency level yet; set two directly so the count has something to find.
  replica.db.prepare(`UPDATE regions SET emergency_level = 'II' WHERE adcode IN ('430000', '420000')`).run();
  q = createSituationQueries(replica.db);
  today = one<{ d: string }>('SELECT substr(max(data_as_of), 1, 10) AS d FROM region_heads').d;
});

afterAll(() => {
  replica?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('national KPIs', () => {
  it('equal direct SQL over the whole replica', () => {
    const k = q.kpis(filter());
    const rows = all<{ code: string; class: string; held: number; floor: number }>(DEPOT_CLASS_SQL);
    const under = rows.filter((r) => r.held < r.floor);
    const expiring = (days: number) =>
      one<{ n: number }>(`SELECT count(*) AS n FROM lots WHERE on_hand > 0 AND expiry_date >= ? AND expiry_date <= date(?, '+${days} days')`, today, today).n;
    const lotAlerts = one<{ n: number }>(
      `SELECT count(*) AS n FROM lots l JOIN lot_stock ls ON ls.lot_id = l.id WHERE l.on_hand > 0 AND ls.quantity > 0 AND l.expiry_date <= date(?, '+30 days')`,
      today,
    ).n;

    expect(k.asOf?.slice(0, 10)).toBe(today);
    expect(k.depotsUnderFloor).toBe(new Set(under.map((r) => r.code)).size);
    expect(k.depotsUnderFloor).toBeGreaterThan(0);
    expect(k.lotsExpiring30).toBe(expiring(30));
    expect(k.lotsExpiring90).toBe(expiring(90));
    expect(k.lotsExpiring90).toBeGreaterThan(k.lotsExpiring30);
    const recorded = one<{ n: number }>('SELECT count(*) AS n FROM alerts WHERE cleared_at IS NULL').n;
    expect(k.openAlerts).toBe(under.length + lotAlerts + recorded);
    expect(k.regionsInEmergency).toBe(2);

    // Persons supported for 7 days: person-days ÷ 7 for consumables, ÷ 30 for durable goods (one person's full need).
    const persons = all<{ class: string; persons: number }>(
      `SELECT c.class, sum(p.quantity / c.per_capita_daily) / (CASE WHEN c.class IN ('shelter', 'power') THEN 30 ELSE 7 END) AS persons
       FROM province_stock p JOIN categories c ON c.code = p.category GROUP BY c.class`,
    );
    expect(Object.keys(k.personsSupportedByClass).sort()).toEqual(persons.map((d) => d.class).sort());
    for (const d of persons) expect(k.personsSupportedByClass[d.class], d.class).toBeCloseTo(d.persons, 6);
    expect(k.personsSupportedByClass.grain).toBeGreaterThan(1_000_000);

    // Plan completion: person-days held ÷ person-days planned (the plan from the depots' registrations).
    const plan = all<{ class: string; held: number; planned: number }>(
      `WITH planned AS (SELECT c.class, sum(j.value / c.per_capita_daily) AS pd FROM depots d, json_each(d.planned) j JOIN categories c ON c.code = j.key GROUP BY c.class),
            held AS (SELECT c.class, sum(ds.quantity / c.per_capita_daily) AS pd FROM depot_stock ds JOIN categories c ON c.code = ds.category GROUP BY c.class)
       SELECT planned.class, coalesce(held.pd, 0) AS held, planned.pd AS planned FROM planned LEFT JOIN held ON held.class = planned.class`,
    );
    expect(plan.length).toBe(7);
    for (const p of plan) expect(k.planCompletionByClass[p.class], p.class).toBeCloseTo(p.held / p.planned, 9);
    const total = plan.reduce((a, p) => ({ held: a.held + p.held, planned: a.planned + p.planned }), { held: 0, planned: 0 });
    expect(k.planCompletion).toBeCloseTo(total.held / total.planned, 9);
  });

  it('follow a class and region filter', () => {
    const k = q.kpis(filter({ classes: ['grain'], regions: ['430000'] }));
    const under = all<{ code: string; held: number; floor: number }>(`${DEPOT_CLASS_SQL} AND d.region = '430000' AND j.key = 'grain'`).filter((r) => r.held < r.floor);
    const expiring30 = one<{ n: number }>(
      `SELECT count(*) AS n FROM lots l JOIN categories c ON c.code = l.category
       WHERE l.on_hand > 0 AND c.class = 'grain' AND l.region = '430000' AND l.expiry_date >= ? AND l.expiry_date <= date(?, '+30 days')`,
      today,
      today,
    ).n;
    const pd = one<{ pd: number | null }>(
      `SELECT sum(p.quantity / c.per_capita_daily) AS pd FROM province_stock p JOIN categories c ON c.code = p.category WHERE c.class = 'grain' AND p.region = '430000'`,
    ).pd;
    const planned = one<{ pd: number }>(
      `SELECT sum(j.value / c.per_capita_daily) AS pd FROM depots d, json_each(d.planned) j JOIN categories c ON c.code = j.key WHERE c.class = 'grain' AND d.region = '430000'`,
    ).pd;
    expect(Object.keys(k.personsSupportedByClass)).toEqual(['grain']);
    expect(k.personsSupportedByClass.grain).toBeCloseTo((pd ?? 0) / 7, 6);
    expect(k.planCompletionByClass.grain).toBeCloseTo((pd ?? 0) / planned, 9);
    expect(q.snapshot(filter({ classes: ['grain'], regions: ['430000'] })).provinces[0]?.planCompletion).toBeCloseTo((pd ?? 0) / planned, 9);
    expect(k.depotsUnderFloor).toBe(under.length);
    expect(k.lotsExpiring30).toBe(expiring30);
    expect(k.regionsInEmergency).toBe(1);
  });

  it('follow a category filter down to its own lots', () => {
    const k = q.kpis(filter({ categories: ['GR-RICE'] }));
    const expiring90 = one<{ n: number }>(
      `SELECT count(*) AS n FROM lots WHERE on_hand > 0 AND category = 'GR-RICE' AND expiry_date >= ? AND expiry_date <= date(?, '+90 days')`,
      today,
      today,
    ).n;
    expect(k.lotsExpiring90).toBe(expiring90);
    expect(Object.keys(k.personsSupportedByClass)).toEqual(['grain']);
    const rice = one<{ held: number; planned: number }>(
      `SELECT (SELECT sum(quantity) FROM depot_stock WHERE category = 'GR-RICE') AS held,
              (SELECT sum(j.value) FROM depots d, json_each(d.planned) j WHERE j.key = 'GR-RICE') AS planned`,
    );
    expect(k.planCompletion).toBeCloseTo(rice.held / rice.planned, 9);
  });

  it('add up the provinces a risk-band filter keeps', () => {
    const snapshot = q.snapshot(filter());
    const band = snapshot.provinces[0]?.riskBand ?? 'low';
    const kept = snapshot.provinces.filter((p) => p.riskBand === band);
    const k = q.kpis(filter({ riskBands: [band] }));
    expect(k.depotsUnderFloor).toBe(kept.reduce((n, p) => n + p.depotsUnderFloor, 0));
    expect(k.openAlerts).toBe(kept.reduce((n, p) => n + p.openAlerts, 0));
    expect(q.snapshot(filter({ riskBands: [band] })).provinces.map((p) => p.adcode)).toEqual(kept.map((p) => p.adcode));
  });

  it('are all zero for a category that does not exist', () => {
    const k = q.kpis(filter({ categories: ['NO-SUCH'] }));
    expect(k).toMatchObject({ personsSupportedByClass: {}, planCompletion: null, depotsUnderFloor: 0, lotsExpiring30: 0, lotsExpiring90: 0, openAlerts: 0 });
  });
});

describe('situation snapshot', () => {
  it('has every province with its depots, held lots and a risk in range', () => {
    const s = q.snapshot(filter());
    expect(s.provinces).toHaveLength(31);
    const depots = new Map(all<{ region: string; n: number }>('SELECT region, count(*) AS n FROM depots GROUP BY region').map((r) => [r.region, r.n]));
    const lots = new Map(all<{ region: string; n: number }>('SELECT region, count(*) AS n FROM lots WHERE on_hand > 0 GROUP BY region').map((r) => [r.region, r.n]));
    for (const p of s.provinces) {
      expect(p.depots).toBe(depots.get(p.adcode));
      expect(p.lots).toBe(lots.get(p.adcode) ?? 0);
      expect(p.riskIndex).toBeGreaterThanOrEqual(0);
      expect(p.riskIndex).toBeLessThanOrEqual(100);
      expect(p.centroid[0]).toBeGreaterThan(70);
    }
    expect(s.depots).toHaveLength(one<{ n: number }>('SELECT count(*) AS n FROM depots').n);
    expect(s.provinces.find((p) => p.adcode === '430000')?.emergencyLevel).toBe('II');
    expect(s.provinces.find((p) => p.adcode === '430000')?.riskBand).toMatch(/high|severe/);
  });

  it('computes a depot point and a province class from their rows', () => {
    const s = q.snapshot(filter());
    const rows = all<{ code: string; region: string; class: string; cap: number; held: number; floor: number }>(DEPOT_CLASS_SQL);
    const depot = s.depots[0];
    if (!depot) throw new Error('no depot');
    const mine = rows.filter((r) => r.code === depot.code);
    expect(depot.fill).toBeCloseTo(mine.reduce((a, r) => a + r.held, 0) / mine.reduce((a, r) => a + r.cap, 0), 9);
    const plan = one<{ held: number; planned: number }>(
      `SELECT (SELECT sum(ds.quantity / c.per_capita_daily) FROM depot_stock ds JOIN categories c ON c.code = ds.category WHERE ds.depot = @code) AS held,
              (SELECT sum(j.value / c.per_capita_daily) FROM depots d, json_each(d.planned) j JOIN categories c ON c.code = j.key WHERE d.code = @code) AS planned`,
      { code: depot.code },
    );
    expect(depot.planCompletion).toBeCloseTo(plan.held / plan.planned, 9);
    expect(depot.underFloor).toBe(mine.some((r) => r.held < r.floor));
    const hunan = s.provinces.find((p) => p.adcode === '430000');
    const grain = hunan?.classes?.find((c) => c.class === 'grain');
    const hunanGrain = rows.filter((r) => r.region === '430000' && r.class === 'grain');
    expect(grain?.floor).toBeCloseTo(hunanGrain.reduce((a, r) => a + r.floor, 0), 6);
    expect(grain?.stock).toBe(hunanGrain.reduce((a, r) => a + r.held, 0));
  });

  it('lists transfers in flight with both ends placed', () => {
    const s = q.snapshot(filter());
    const open = all<{ transfer_id: string; quantity: number; received: number }>('SELECT transfer_id, quantity, received FROM transfers WHERE received < quantity');
    expect(s.transfers.map((t) => t.transferId).sort()).toEqual(open.map((t) => t.transfer_id).sort());
    for (const t of s.transfers) {
      const row = open.find((o) => o.transfer_id === t.transferId);
      expect(t.quantity).toBe((row?.quantity ?? 0) - (row?.received ?? 0));
      const from = one<{ lon: number; lat: number }>('SELECT lon, lat FROM depots WHERE code = ?', t.fromDepot);
      expect(t.from).toEqual([from.lon, from.lat]);
    }
  });

  it('derives alerts from depots under floor and lots near or past expiry', () => {
    const s = q.snapshot(filter());
    const kinds = new Set(s.alerts.map((a) => a.kind));
    expect(kinds.has('under-floor')).toBe(true);
    expect(s.alerts.length).toBe(q.kpis(filter()).openAlerts);
    expect(new Set(s.alerts.map((a) => a.id)).size).toBe(s.alerts.length);
    for (const a of s.alerts.filter((x) => x.kind === 'expired')) expect(a.severity).toBe('critical');
    // critical first
    const firstWarning = s.alerts.findIndex((a) => a.severity === 'warning');
    if (firstWarning >= 0) expect(s.alerts.slice(firstWarning).every((a) => a.severity !== 'critical')).toBe(true);
  });

  it('keeps only the depots of a class filter and the provinces of a region filter', () => {
    const water = q.snapshot(filter({ classes: ['water'] }));
    const withWater = one<{ n: number }>(`SELECT count(*) AS n FROM depots d, json_each(d.capacity) j WHERE j.key = 'water' AND j.value > 0`).n;
    expect(water.depots).toHaveLength(withWater);
    expect(water.provinces.every((p) => (p.classes ?? []).map((c) => c.class).join() === 'water')).toBe(true);
    const hunan = q.snapshot(filter({ regions: ['430000'] }));
    expect(hunan.provinces.map((p) => p.adcode)).toEqual(['430000']);
    expect(hunan.depots.every((d) => d.region === '430000')).toBe(true);
    expect(hunan.alerts.every((a) => a.region === '430000')).toBe(true);
  });

  it('changes its data version when the replica changes', () => {
    const before = q.snapshot(filter()).dataVersion;
    expect(q.kpis(filter()).dataVersion).toBe(before);
    expect(before).toMatch(/^\d+-[0-9a-f]{16}$/);
  });
});

describe('depot detail', () => {
  it('has the stock, lots and last 20 movements of the depot', () => {
    const code = one<{ depot: string }>('SELECT depot FROM depot_stock GROUP BY depot ORDER BY count(*) DESC, depot LIMIT 1').depot;
    const d = q.depotDetail(code);
    if (!d) throw new Error('no detail');
    const stock = all<{ category: string; quantity: number }>('SELECT category, quantity FROM depot_stock WHERE depot = ? ORDER BY category', code);
    expect(d.stock.map((s) => [s.category, s.quantity]).sort()).toEqual(stock.map((s) => [s.category, s.quantity]).sort());
    const lots = one<{ n: number }>('SELECT count(*) AS n FROM lot_stock WHERE depot = ? AND quantity > 0', code).n;
    expect(d.lots).toHaveLength(Math.min(200, lots));
    expect(d.lots.map((l) => l.expiryDate)).toEqual([...d.lots.map((l) => l.expiryDate)].sort());

    // movements found by reading every event of the region, not through the index
    const region = one<{ region: string }>('SELECT region FROM depots WHERE code = ?', code).region;
    const mine = all<{ seq: number; type: string; payload: string }>('SELECT seq, type, payload FROM events WHERE region = ? ORDER BY seq DESC', region).filter((e) => {
      const p = JSON.parse(e.payload) as Record<string, unknown> & { adjustment?: { depot?: string } };
      if (['lot.intake', 'stock.issued', 'stock.inspected', 'stock.rotated', 'stock.disposed'].includes(e.type)) return p.depot === code;
      if (e.type === 'stock.transfer-out') return p.fromDepot === code;
      if (e.type === 'stock.transfer-in') return p.toDepot === code;
      if (e.type === 'event.corrected') return p.adjustment?.depot === code;
      return false;
    });
    expect(d.movements.map((m) => m.seq)).toEqual(mine.slice(0, 20).map((m) => m.seq));
    expect(d.movements[0]?.instructionId).toBeTruthy();

    for (const c of d.classes) {
      const cats = d.stock.filter((s) => s.class === c.class);
      expect(c.quantity).toBe(cats.reduce((a, s) => a + s.quantity, 0));
      if (cats.length > 0) expect(cats.reduce((a, s) => a + s.floor, 0)).toBeCloseTo(c.floor, 6);
      expect(c.underFloor).toBe(c.quantity < c.floor);
    }
  });

  it('is null for an unknown depot', () => {
    expect(q.depotDetail('999999-D999')).toBeNull();
  });

  it('uses the indexes that keep it fast at national scale', () => {
    const plan = (sql: string) => all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).map((r) => r.detail).join('\n');
    expect(plan(`SELECT seq FROM events INDEXED BY events_movement_depot WHERE ${MOVEMENT_DEPOT} = 'x' AND region = 'y' AND type IN ${MOVEMENT_TYPES_SQL} ORDER BY seq DESC LIMIT 20`)).toContain('events_movement_depot');
    expect(plan(`SELECT * FROM transfers WHERE received < quantity`)).toContain('transfers_in_flight');
  });
});

describe('province trend', () => {
  it('rebuilds each day of the window as the forward sum of the log up to that day', () => {
    const trend = q.trend('430000', filter(), 30);
    expect(trend.dates).toHaveLength(30);
    expect(trend.dates.at(-1)).toBe(today);
    const forward = (day: string) =>
      new Map(
        all<{ class: string; pd: number }>(
          `SELECT c.class, sum(CASE e.type
                    WHEN 'lot.intake' THEN q WHEN 'stock.transfer-in' THEN q
                    WHEN 'stock.transfer-out' THEN -q WHEN 'stock.issued' THEN -q WHEN 'stock.disposed' THEN -q
                    WHEN 'stock.rotated' THEN json_extract(e.payload, '$.newLot.quantity') - q
                    WHEN 'event.corrected' THEN coalesce(json_extract(e.payload, '$.adjustment.quantity'), 0)
                    ELSE 0 END / c.per_capita_daily) / (CASE WHEN c.class IN ('shelter', 'power') THEN 30 ELSE 7 END) AS pd
           FROM (SELECT *, json_extract(payload, '$.quantity') AS q FROM events) e
           JOIN lots l ON l.id = coalesce(json_extract(e.payload, '$.lotId'), json_extract(e.payload, '$.adjustment.lotId'))
           JOIN categories c ON c.code = l.category
           WHERE e.region = '430000' AND substr(e.event_time, 1, 10) <= ? GROUP BY c.class`,
          day,
        ).map((r) => [r.class, Math.max(0, r.pd)]),
      );
    for (const i of [0, 10, 29]) {
      const day = trend.dates[i] ?? '';
      const expected = forward(day);
      for (const series of trend.series) expect(series.personsSupported[i], `${series.class} ${day}`).toBeCloseTo(expected.get(series.class) ?? 0, 6);
    }
  });

  it('keeps to the classes of the filter', () => {
    expect(q.trend('430000', filter({ classes: ['water'] }), 7).series.map((s) => s.class)).toEqual(['water']);
  });
});

describe('instructions', () => {
  it('lists the newest instructions of the regions in scope', () => {
    const listed = q.instructions(filter({ regions: ['430000'] }), 5);
    const direct = all<{ id: string }>(`SELECT id FROM instructions WHERE region = '430000' ORDER BY issued_at DESC, id DESC LIMIT 5`);
    expect(listed.map((i) => i.id)).toEqual(direct.map((i) => i.id));
    expect(listed.every((i) => i.lines > 0 && i.quantity > 0)).toBe(true);
  });

  it('keeps only instructions with a line of a category in scope', () => {
    const listed = q.instructions(filter({ categories: ['WA-BOTTLE'] }), 20);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((i) => i.categories.includes('WA-BOTTLE'))).toBe(true);
  });
});

describe('categories', () => {
  it('lists the reference categories in class order', () => {
    const c = q.categories();
    expect(c).toHaveLength(one<{ n: number }>('SELECT count(*) AS n FROM categories').n);
    expect(c[0]?.class).toBe('grain');
    expect(c.at(-1)?.class).toBe('power');
  });
});

describe('alerts an officer can work', () => {
  /** Forward through the depot's log: when the class's stock last went from at or above its floor to under it. */
  function wentUnderAt(depot: string, region: string, cls: string, floor: number): string | null {
    const rows = all<{ event_time: string; type: string; payload: string; class: string }>(
      `SELECT e.event_time, e.type, e.payload, c.class FROM events e
       JOIN lots l ON l.id = coalesce(json_extract(e.payload, '$.lotId'), json_extract(e.payload, '$.adjustment.lotId'))
       JOIN categories c ON c.code = l.category
       WHERE e.region = ? ORDER BY e.seq`,
      region,
    );
    let stock = 0;
    let since: string | null = null;
    let first: string | null = null;
    for (const r of rows) {
      if (r.class !== cls) continue;
      const p = JSON.parse(r.payload) as { depot?: string; fromDepot?: string; toDepot?: string; quantity?: number; newLot?: { quantity: number }; adjustment?: { depot: string; quantity: number } };
      let delta = 0;
      if (r.type === 'lot.intake' && p.depot === depot) delta = p.quantity ?? 0;
      else if (r.type === 'stock.transfer-in' && p.toDepot === depot) delta = p.quantity ?? 0;
      else if (r.type === 'stock.transfer-out' && p.fromDepot === depot) delta = -(p.quantity ?? 0);
      else if ((r.type === 'stock.issued' || r.type === 'stock.disposed') && p.depot === depot) delta = -(p.quantity ?? 0);
      else if (r.type === 'stock.rotated' && p.depot === depot) delta = (p.newLot?.quantity ?? 0) - (p.quantity ?? 0);
      else if (r.type === 'event.corrected' && p.adjustment?.depot === depot) delta = p.adjustment.quantity;
      else if (r.type !== 'stock.inspected' || p.depot !== depot) continue;
      first ??= r.event_time;
      if (stock >= floor && stock + delta < floor) since = r.event_time;
      stock += delta;
    }
    return since ?? first;
  }

  it('dates an under-floor alert from the movement that took the class under, not from the time of asking', () => {
    const s = q.snapshot(filter());
    const floors = new Map(all<{ code: string; class: string; floor: number }>(DEPOT_CLASS_SQL).map((r) => [`${r.code}:${r.class}`, r.floor]));
    const under = s.alerts.filter((a) => a.kind === 'under-floor');
    expect(under.length).toBeGreaterThan(3);
    for (const a of under.slice(0, 12)) {
      expect(a.class).not.toBeNull();
      const expected = wentUnderAt(a.depot ?? '', a.region, a.class ?? '', floors.get(`${a.depot}:${a.class}`) ?? 0);
      expect(a.raisedAt, a.id).toBe(expected);
    }
    expect(under.some((a) => a.raisedAt < (s.asOf ?? ''))).toBe(true);
  });

  it('names the class and category of a lot alert', () => {
    const s = q.snapshot(filter());
    const lotAlerts = s.alerts.filter((a) => a.kind === 'expiring' || a.kind === 'expired');
    expect(lotAlerts.length).toBeGreaterThan(0);
    for (const a of lotAlerts) {
      const lot = a.id.split(':')[1] ?? '';
      const row = one<{ category: string; class: string }>('SELECT l.category, c.class FROM lots l JOIN categories c ON c.code = l.category WHERE l.id = ?', lot);
      expect([a.category, a.class]).toEqual([row.category, row.class]);
    }
  });

  it('groups alerts by depot, class and kind; the groups account for every alert', () => {
    const s = q.snapshot(filter());
    const groups = groupAlerts(s.alerts);
    const keys = new Set(s.alerts.map((a) => `${a.depot ?? a.region}|${a.class ?? ''}|${a.kind}`));
    expect(groups).toHaveLength(keys.size);
    expect(groups.length).toBeLessThan(s.alerts.length);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(s.alerts.length);
    for (const g of groups) {
      const mine = s.alerts.filter((a) => g.ids.includes(a.id));
      expect(mine).toHaveLength(g.count);
      expect(g.firstSeen).toBe(mine.map((a) => a.raisedAt).sort()[0]);
      expect(g.lastSeen).toBe(mine.map((a) => a.raisedAt).sort().at(-1));
    }
  });
});
