import { categoryCosts, unitPriceIn, type CategoryCosts } from '../costs/cost-model';
import { LinearModelBuilder } from '../optim/linear-model';
import { solveLinearModel } from '../optim/solve-model';
import type { FloorMonth, Rotation, RotationDepotClass, RotationInput, RotationLot, RotationPlan } from './input';
import { calendarMonth, monthIndex, monthName, sellByIndex } from './months';
import type { UnplannedCode } from '../../shared/domain/unplanned-reason';

const EPS = 1e-9;
/** Skipping a lot costs this many times its value: any plan that rotates more value is preferred. */
const SKIP_PENALTY_FACTOR = 10;

/** A lot holding the model may rotate: its months first … last, one binary per month, and its skip column. */
interface Candidate {
  lot: RotationLot;
  dc: RotationDepotClass;
  costs: CategoryCosts;
  lead: number;
  sellBy: number;
  months: number[];
  x: number[];
  skip: number;
}

/** Net cost of rotating a lot in month m: buy the replacement at its arrival month's price, sell the old one at a discount, handle both. */
export function rotationCost(c: CategoryCosts, quantity: number, month: number): number {
  const lead = c.leadTimeMonths.value;
  const buy = unitPriceIn(c, calendarMonth(month + lead));
  const sell = unitPriceIn(c, calendarMonth(month)) * (1 - c.rotation.discountShare.value);
  return quantity * (buy - sell + 2 * c.rotation.handlingPerUnit.value);
}

const dcKey = (depot: string, cls: string) => `${depot}|${cls}`;

/**
 * The rotation MILP (README, "Rotation model"), solved with HiGHS to gap 0:
 *
 *   x[l,m] ∈ {0,1}: lot l is sold in month m (first ≤ m ≤ min(sellBy_l, last)), its replacement
 *                   arrives in m + lead_l; skip[l] ≥ 0 with Σ_m x[l,m] + skip[l] = 1
 *   floor:    Σ_{l at d,k} q_l · Σ_{t−lead_l < m ≤ t} x[l,m] ≤ held[d,k] − floor[d,k]   for every d, k, t
 *   handling: Σ_{l at d,k} q_l · (x[l,t] + x[l,t−lead_l]) ≤ handling[d,k]               for every d, k, t
 *   FEFO:     Σ_{m≤t} x[b,m] ≤ Σ_{m≤t} x[a,m] + skip[a]   for lots a, b of one depot and category,
 *             a expiring before b, for every t ≤ sellBy_b (if both are rotated, a is not later)
 *   minimise  Σ cost(l,m)·x[l,m] + Σ penalty_l·skip[l]
 *
 * Lots that no month can take (sellBy before the first month, a quantity above the floor's
 * headroom or the handling capacity) are screened out first; the rest are optional with a penalty
 * of ten times their value, so what cannot be rotated comes out in `unplanned` with a reason.
 */
export async function planRotations(input: RotationInput): Promise<RotationPlan> {
  const first = monthIndex(input.firstMonth);
  const last = first + input.months - 1;
  const dcs = new Map(input.depotClasses.map((d) => [dcKey(d.depot, d.class), d]));
  const unplanned: RotationPlan['unplanned'] = [];
  const candidates: Candidate[] = [];
  const touched = new Set<string>();

  const lots = input.lots.filter((l) => monthIndex(l.expiry.slice(0, 7)) <= last && l.quantity > EPS).sort((p, q) => (p.expiry < q.expiry ? -1 : p.expiry > q.expiry ? 1 : p.lot < q.lot ? -1 : p.lot > q.lot ? 1 : p.depot < q.depot ? -1 : 1));
  for (const lot of lots) {
    const costs = categoryCosts(input.costs, lot.category);
    const sellBy = sellByIndex(lot.expiry);
    const dc = dcs.get(dcKey(lot.depot, lot.class));
    const skip = (code: UnplannedCode, reason: string) => unplanned.push({ lot: lot.lot, depot: lot.depot, code, reason });
    if (!dc) {
      skip('no-storage', `depot ${lot.depot} has no ${lot.class} storage in the replica`);
      continue;
    }
    touched.add(dcKey(dc.depot, dc.class));
    const lead = costs.leadTimeMonths.value;
    if (sellBy < first) {
      skip('past-sell-by', `sellBy ${monthName(sellBy)} is before the first plannable month ${input.firstMonth}`);
      continue;
    }
    if (lead > 0 && lot.quantity > dc.held - dc.floor + EPS) {
      skip(
        'floor',
        `floor at depot ${dc.depot} would be broken in every feasible month: class ${dc.class} holds ${fmt(dc.held)} against a floor of ${fmt(dc.floor)}, ` +
          `and rotating ${fmt(lot.quantity)} leaves ${fmt(dc.held - lot.quantity)} during the ${lead}-month lead time`,
      );
      continue;
    }
    const load = lead === 0 ? 2 * lot.quantity : lot.quantity;
    if (load > dc.handling + EPS) {
      skip('exceeds-handling', `${fmt(load)} units to move exceed the monthly handling capacity ${fmt(dc.handling)} of class ${dc.class} at depot ${dc.depot}`);
      continue;
    }
    const months: number[] = [];
    for (let m = first; m <= Math.min(sellBy, last); m++) months.push(m);
    candidates.push({ lot, dc, costs, lead, sellBy, months, x: [], skip: -1 });
  }

  // Depot classes share no constraint (floors, handling and FEFO are all within one), so each is
  // its own small MILP: the sum of their optima is the optimum of the whole.
  const rotations: Rotation[] = [];
  const stats = { columns: 0, rows: 0, binaries: 0, solverMs: 0, models: 0 };
  for (const group of groupBy(candidates, (c) => dcKey(c.dc.depot, c.dc.class)).values()) {
    const x = await solveDepotClass(group, first, last, stats);
    for (const c of group) {
      const k = c.x.findIndex((col) => (x[col] ?? 0) > 0.5);
      if (k < 0) {
        unplanned.push({ lot: c.lot.lot, depot: c.lot.depot, ...explainSkip(c, group, x) });
        continue;
      }
      const m = c.months[k] as number;
      rotations.push({
        lot: c.lot.lot,
        depot: c.lot.depot,
        category: c.lot.category,
        quantity: c.lot.quantity,
        month: monthName(m),
        sellBy: monthName(c.sellBy),
        arrives: monthName(m + c.lead),
        cost: rotationCost(c.costs, c.lot.quantity, m),
      });
    }
  }
  rotations.sort((p, q) => (p.month < q.month ? -1 : p.month > q.month ? 1 : p.depot < q.depot ? -1 : p.depot > q.depot ? 1 : p.lot < q.lot ? -1 : 1));
  return {
    rotations,
    floorByMonth: floorByMonth(input, touched, rotations, first, last),
    cost: rotations.reduce((s, r) => s + r.cost, 0),
    unplanned,
    model: { ...stats, solverMs: Math.round(stats.solverMs) },
  };
}

/** Builds and solves one depot class's MILP; sets each candidate's columns and returns the solution. */
async function solveDepotClass(group: Candidate[], first: number, last: number, stats: { columns: number; rows: number; binaries: number; solverMs: number; models: number }): Promise<Float64Array> {
  const b = new LinearModelBuilder();
  for (const c of group) {
    c.x = c.months.map((m) => b.addBinary(rotationCost(c.costs, c.lot.quantity, m)));
    c.skip = b.addCol(SKIP_PENALTY_FACTOR * c.lot.quantity * c.costs.unitPrice.value + 1, 0, 1);
    b.addRow([...c.x, c.skip], [...c.x.map(() => 1), 1], 1, 1);
  }

  // Floor and handling rows per month.
  {
    const dc = (group[0] as Candidate).dc;
    for (let t = first; t <= last; t++) {
      const floorCols: number[] = [];
      const floorCoefs: number[] = [];
      const handCols: number[] = [];
      const handCoefs: number[] = [];
      for (const c of group) {
        c.months.forEach((m, k) => {
          const col = c.x[k] as number;
          if (m <= t && t < m + c.lead) {
            floorCols.push(col);
            floorCoefs.push(c.lot.quantity);
          }
          const moves = (m === t ? 1 : 0) + (m + c.lead === t ? 1 : 0);
          if (moves > 0) {
            handCols.push(col);
            handCoefs.push(moves * c.lot.quantity);
          }
        });
      }
      if (floorCols.length > 0) b.addRow(floorCols, floorCoefs, -Infinity, Math.max(0, dc.held - dc.floor));
      if (handCols.length > 0) b.addRow(handCols, handCoefs, -Infinity, dc.handling);
    }
  }

  // FEFO within a category (the depot is the group's).
  const byCategory = groupBy(group, (c) => c.lot.category);
  for (const group of byCategory.values()) {
    for (const a of group) {
      for (const later of group) {
        if (!(a.lot.expiry < later.lot.expiry)) continue;
        for (let t = first; t <= Math.min(later.sellBy, last); t++) {
          const cols = [...later.x.filter((_, k) => (later.months[k] as number) <= t), ...a.x.filter((_, k) => (a.months[k] as number) <= t), a.skip];
          const nLater = later.months.filter((m) => m <= t).length;
          if (nLater === 0) continue;
          b.addRow(cols, cols.map((_, k) => (k < nLater ? 1 : -1)), -Infinity, 0);
        }
      }
    }
  }

  const model = b.build();
  const r = await solveLinearModel(model);
  stats.columns += model.colCost.length;
  stats.rows += model.rowLower.length;
  stats.binaries += model.integer.filter(Boolean).length;
  stats.solverMs += r.solverMs;
  stats.models += 1;
  if (r.status !== 'optimal') throw new Error(`rotation model: HiGHS ended with status ${r.status === 'other' ? r.statusName : r.status}, not optimal`);
  return r.x;
}

/** Why the solver left a lot out: which limit every one of its months runs into, given the other lots' months. */
function explainSkip(c: Candidate, all: readonly Candidate[], x: ArrayLike<number>): { code: UnplannedCode; reason: string } {
  const others = all.filter((o) => o !== c && o.dc === c.dc);
  const chosen = others.flatMap((o) => o.months.filter((_, k) => (x[o.x[k] as number] ?? 0) > 0.5).map((m) => ({ o, m })));
  const breaksFloor = (m: number) => {
    for (let t = m; t < m + c.lead; t++) {
      const dip = chosen.filter(({ o, m: mo }) => mo <= t && t < mo + o.lead).reduce((s, { o }) => s + o.lot.quantity, 0);
      if (c.dc.held - dip - c.lot.quantity < c.dc.floor - EPS) return true;
    }
    return false;
  };
  const breaksHandling = (m: number) =>
    [m, m + c.lead].some((t) => {
      const moved = chosen.reduce((s, { o, m: mo }) => s + o.lot.quantity * ((mo === t ? 1 : 0) + (mo + o.lead === t ? 1 : 0)), 0);
      return moved + c.lot.quantity * ((m === t ? 1 : 0) + (m + c.lead === t ? 1 : 0)) > c.dc.handling + EPS;
    });
  const until = `up to its sellBy ${monthName(c.sellBy)}`;
  if (c.months.every(breaksFloor)) return { code: 'floor', reason: `floor at depot ${c.dc.depot} (class ${c.dc.class}) would be broken in every month ${until}, once the other lots there are rotated` };
  if (c.months.every(breaksHandling)) return { code: 'handling', reason: `handling capacity of class ${c.dc.class} at depot ${c.dc.depot} is used up in every month ${until} by the other rotations` };
  return { code: 'floor-and-handling', reason: `floor and handling capacity at depot ${c.dc.depot} (class ${c.dc.class}) leave no month ${until} with the other lots rotated first-expired-first-out` };
}

function floorByMonth(input: RotationInput, touched: ReadonlySet<string>, rotations: readonly Rotation[], first: number, last: number): FloorMonth[] {
  const out: FloorMonth[] = [];
  const classOf = new Map(input.lots.map((l) => [`${l.lot}|${l.depot}`, l.class]));
  for (const dc of input.depotClasses) {
    if (!touched.has(dcKey(dc.depot, dc.class))) continue;
    const mine = rotations.filter((r) => r.depot === dc.depot && classOf.get(`${r.lot}|${r.depot}`) === dc.class);
    for (let t = first; t <= last; t++) {
      const dip = mine.filter((r) => monthIndex(r.month) <= t && t < monthIndex(r.arrives)).reduce((s, r) => s + r.quantity, 0);
      out.push({ depot: dc.depot, class: dc.class, month: monthName(t), held: dc.held - dip, floor: dc.floor, ...(dc.held < dc.floor ? { belowFloorAtStart: true } : {}) });
    }
  }
  return out;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const g = m.get(k);
    if (g) g.push(it);
    else m.set(k, [it]);
  }
  return m;
}

const fmt = (v: number) => String(Math.round(v * 1000) / 1000);
