import { haversineKm } from '../dispatch/geo';
import { LinearModelBuilder, type LinearModel } from '../optim/linear-model';
import type { CategoryNeed, ScenarioDemand } from './demand';
import type { SimulationPlan, SimulationScenario } from './scenario';
import type { SimulationSupply } from './supply';

/**
 * One plan's linear programme over the whole horizon (README, "Scenario simulation"). A column
 * x[r, j, c, t] is what source region r sends affected region j of category c on day t. Rows:
 *
 *   daily category:   Σ_r x[r,j,c,t] ≤ demand[j,c]                    every affected day t
 *   one-off category: Σ_r Σ_t x[r,j,c,t] ≤ demand[j,c]                 (what is owed, once)
 *   stock:            Σ_j Σ_{τ in (t−L, t]} x[r,j,c,τ] ≤ usable[r,c]   every day t (L = lead days;
 *                     all days when nothing is replenished): what was sent in the last L days is
 *                     still on order, so the stock never goes below zero, nor below the floor
 *                     when usable = held − floor
 *   transport:        Σ tonnes[c] · x[·,·,c,t] ≤ dailyTransportTonnes   every day t (plus the
 *                     civilian transport units' tonnes per day when the plan calls on them)
 *   floor dip:        Σ_j Σ_{τ in window} x[r,j,c,τ] − dip[r,c] ≤ held − floor   (plans that may go below floor)
 *
 * Three objectives in turn, each kept at its optimum while the next is minimised: the shortfall
 * in person-days, then (below-floor plans) how far floors are drawn on, then tonne-km. The
 * first is the same function of x in every plan, and a plan with more source regions only adds
 * columns, so its optimum is never worse: more regions never mean more shortfall.
 */

export interface PlanModel {
  model: LinearModel;
  /** Per x column: source region index, affected region index, need index, day. */
  source: Int32Array;
  dest: Int32Array;
  need: Int32Array;
  day: Int32Array;
  /** Number of x columns (they come first); dip columns follow. */
  flows: number;
  /** Per dip column: its pool (source region index × needs + need index). */
  dipPool: number[];
  /** Objectives over all columns. */
  shortfallCoef: Float64Array;
  /** Constant the shortfall objective is measured from: the person-days of the whole demand. */
  demandPersonDays: number;
  dipCoef: Float64Array;
  tonneKm: Float64Array;
  /** Road km and hours per source region × affected region. */
  km: Float64Array;
  hours: Float64Array;
  /** Source regions (indices into supply.regions) this plan may draw on. */
  sources: number[];
}

/** The civilian transport capacity a plan adds to its daily limit: only when it opts in and has a limit. */
export function civilianTransportOf(plan: SimulationPlan, supply: SimulationSupply): number {
  return plan.civilianTransport && plan.dailyTransportTonnes !== null ? (supply.civilianTransportTonnesPerDay ?? 0) : 0;
}

export interface ModelParams {
  scenario: SimulationScenario;
  plan: SimulationPlan;
  supply: SimulationSupply;
  demand: ScenarioDemand;
  tonnesPerUnit: ReadonlyMap<string, number>;
}

const push = (m: Map<number, number[]>, key: number, value: number) => {
  const list = m.get(key);
  if (list) list.push(value);
  else m.set(key, [value]);
};

/** Mean road km from a region's stocked depots to a point. */
function meanKm(depots: readonly [number, number][], lon: number, lat: number, roadFactor: number): number {
  let sum = 0;
  for (const [dLon, dLat] of depots) sum += haversineKm(dLon, dLat, lon, lat);
  return (sum / Math.max(1, depots.length)) * roadFactor;
}

export function buildPlanModel({ scenario, plan, supply, demand, tonnesPerUnit }: ModelParams): PlanModel {
  const { needs, regions: dests } = demand;
  const allowed = plan.sourceRegions === 'all' ? null : new Set(plan.sourceRegions);
  const sources = supply.regions.flatMap((r, i) => (allowed === null || allowed.has(r.region) ? [i] : []));
  const nJ = dests.length;
  const km = new Float64Array(supply.regions.length * nJ);
  const hours = new Float64Array(supply.regions.length * nJ);
  supply.regions.forEach((r, i) => {
    dests.forEach((d, j) => {
      km[i * nJ + j] = meanKm(r.depots, d.lon, d.lat, scenario.roadFactor);
      hours[i * nJ + j] = (km[i * nJ + j] as number) / scenario.speedKmh;
    });
  });

  const usable = (i: number, need: CategoryNeed): number => {
    const s = supply.regions[i]?.stock[need.category];
    if (!s) return 0;
    return plan.belowFloor ? s.held : Math.max(0, s.held - s.floor);
  };

  // Columns, day-major within each affected region and need, so the rows below read them in order.
  const b = new LinearModelBuilder();
  const colSource: number[] = [];
  const colDest: number[] = [];
  const colNeed: number[] = [];
  const colDay: number[] = [];
  const shortfall: number[] = [];
  const tkm: number[] = [];
  const demandRows: { cols: number[]; upper: number }[] = [];
  const byPool = new Map<number, number[]>();
  const byDay = new Map<number, number[]>();
  let demandPersonDays = 0;
  dests.forEach((d, j) => {
    needs.forEach((need, c) => {
      const q = d.quantity[need.category] ?? 0;
      if (!(q > 0) || d.end <= d.start) return;
      const once: number[] = [];
      // Nothing delivered: the daily need is short every day, and the one-off need stays owed every day.
      demandPersonDays += need.personDaysPerUnit * q * (d.end - d.start);
      for (let t = d.start; t < d.end; t++) {
        const today: number[] = [];
        for (const i of sources) {
          if (!(usable(i, need) > 0)) continue;
          // A unit of a one-off category delivered on day t ends the need for every remaining day.
          const weight = need.personDaysPerUnit * (need.basis === 'daily' ? 1 : d.end - t);
          const col = b.addCol(-weight);
          colSource.push(i);
          colDest.push(j);
          colNeed.push(c);
          colDay.push(t);
          shortfall.push(-weight);
          tkm.push((tonnesPerUnit.get(need.category) ?? 0) * (km[i * nJ + j] as number));
          today.push(col);
          const pool = i * needs.length + c;
          push(byPool, pool, col);
          push(byDay, t, col);
        }
        if (need.basis === 'daily') demandRows.push({ cols: today, upper: q });
        else once.push(...today);
      }
      if (need.basis === 'one-off') demandRows.push({ cols: once, upper: q });
    });
  });
  const flows = b.numCols;
  for (const r of demandRows) if (r.cols.length > 0) b.addRow(r.cols, r.cols.map(() => 1), -Infinity, r.upper);

  // Stock windows: the draws of the last L days (or of all days) per pool.
  const lead = plan.replenishLeadDays;
  const windows = (cols: number[]): number[][] => {
    if (lead === null || lead >= scenario.days) return [cols];
    const days = [...new Set(cols.map((k) => colDay[k] as number))].sort((x, y) => x - y);
    return days.map((t) => cols.filter((k) => (colDay[k] as number) > t - lead && (colDay[k] as number) <= t));
  };
  const dipPool: number[] = [];
  const dipCoef: number[] = [];
  for (const [pool, cols] of byPool) {
    const i = Math.floor(pool / needs.length);
    const need = needs[pool % needs.length] as CategoryNeed;
    const s = supply.regions[i]?.stock[need.category] ?? { held: 0, floor: 0 };
    const ws = windows(cols);
    for (const w of ws) b.addRow(w, w.map(() => 1), -Infinity, usable(i, need));
    if (plan.belowFloor && s.floor > 0) {
      const dip = b.addCol(0);
      dipPool.push(pool);
      dipCoef.push(need.personDaysPerUnit);
      for (const w of ws) b.addRow([...w, dip], [...w.map(() => 1), -1], -Infinity, Math.max(0, s.held - s.floor));
    }
  }
  if (plan.dailyTransportTonnes !== null) {
    const limit = plan.dailyTransportTonnes + civilianTransportOf(plan, supply);
    for (const [, cols] of [...byDay].sort(([x], [y]) => x - y)) {
      const tonnes = cols.map((k) => tonnesPerUnit.get((needs[colNeed[k] as number] as CategoryNeed).category) ?? 0);
      b.addRow(cols, tonnes, -Infinity, limit);
    }
  }
  const model = b.build();
  const pad = (xs: number[]) => Float64Array.from({ length: model.colCost.length }, (_, k) => xs[k] ?? 0);
  return {
    model,
    source: Int32Array.from(colSource),
    dest: Int32Array.from(colDest),
    need: Int32Array.from(colNeed),
    day: Int32Array.from(colDay),
    flows,
    dipPool,
    shortfallCoef: pad(shortfall),
    demandPersonDays,
    dipCoef: Float64Array.from({ length: model.colCost.length }, (_, k) => (k < flows ? 0 : (dipCoef[k - flows] ?? 0))),
    tonneKm: pad(tkm),
    km,
    hours,
    sources,
  };
}
