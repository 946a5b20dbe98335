import { PROVINCE_CENTROIDS } from '../../../../shared/domain/province-centroids';
import type { PlanResultView, SimulationResultView } from '../../../../shared/contract';

/**
 * Figures the scenario wall reads out of a run: per day of a plan, the need in person-days and
 * what was met (a category's units × its person-days per unit, so water, rice and tents add up);
 * and for the map, each province's stock of a category at the end of a day with its floor, and
 * the day's flows between provinces.
 */

export interface DayFigures {
  day: number;
  demand: number;
  delivered: number;
  shortfall: number;
}

export function dayFigures(result: SimulationResultView, plan: PlanResultView): DayFigures[] {
  const weight = new Map(result.categories.map((c) => [c.code, c.personDaysPerUnit]));
  const days: DayFigures[] = Array.from({ length: result.days }, (_, day) => ({ day, demand: 0, delivered: 0, shortfall: 0 }));
  for (const r of plan.days) {
    const d = days[r.day];
    const w = weight.get(r.category) ?? 0;
    if (!d) continue;
    d.demand += r.demand * w;
    d.delivered += r.delivered * w;
    d.shortfall += r.shortfall * w;
  }
  return days;
}

export interface StockPoint {
  region: string;
  lon: number;
  lat: number;
  quantity: number;
  floor: number;
  belowFloor: boolean;
}

export interface FlowArc {
  from: string;
  to: string;
  source: readonly [number, number];
  target: readonly [number, number];
  quantity: number;
  hours: number;
}

export interface MapFrame {
  stock: StockPoint[];
  flows: FlowArc[];
}

/** Noise below this (the result's rounding) is no stock below floor. */
const EPS = 1e-6;

/**
 * `regions`: the provinces whose stock is shown (the affected ones and the plan's sources); all
 * when null.
 */
export function mapFrame(plan: PlanResultView, day: number, category: string, regions: ReadonlySet<string> | null = null): MapFrame {
  const stock: StockPoint[] = [];
  for (const s of plan.stock) {
    if (s.day !== day || s.category !== category || (regions && !regions.has(s.region))) continue;
    const at = PROVINCE_CENTROIDS[s.region];
    if (!at) continue;
    stock.push({ region: s.region, lon: at[0], lat: at[1], quantity: s.quantity, floor: s.floor, belowFloor: s.quantity < s.floor - EPS });
  }
  const byLeg = new Map<string, FlowArc>();
  for (const f of plan.flows) {
    if (f.day !== day || f.category !== category || !(f.quantity > 0)) continue;
    const source = PROVINCE_CENTROIDS[f.from];
    const target = PROVINCE_CENTROIDS[f.to];
    if (!source || !target) continue;
    const key = `${f.from}|${f.to}`;
    const leg = byLeg.get(key) ?? { from: f.from, to: f.to, source, target, quantity: 0, hours: f.hours };
    leg.quantity += f.quantity;
    byLeg.set(key, leg);
  }
  return { stock, flows: [...byLeg.values()] };
}

/** The categories a plan sends or holds, in the result's order: the map's category choice. */
export const categoriesOf = (result: SimulationResultView): string[] => result.categories.map((c) => c.code);

/** The plan with the least shortfall, then the least cost: the comparison's suggestion. */
export function bestPlan(result: SimulationResultView): string | null {
  const sorted = [...result.plans].sort((a, b) => a.summary.shortfallPersonDays - b.summary.shortfallPersonDays || a.summary.cost - b.summary.cost);
  return sorted[0]?.id ?? null;
}

/**
 * The box the scenario map frames: the warned areas (a point by its radius) and the label points
 * of the provinces concerned, with a margin; null when there is nothing to frame.
 */
export function scenarioBounds(
  areas: { polygons: readonly { polygon: readonly (readonly (readonly number[])[])[] }[]; circles: readonly { position: readonly [number, number]; radiusM: number }[] },
  regions: readonly string[],
): [number, number, number, number] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const add = (lon: number, lat: number) => {
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  };
  for (const p of areas.polygons) for (const ring of p.polygon) for (const [lon, lat] of ring) add(lon as number, lat as number);
  for (const c of areas.circles) {
    const dLat = c.radiusM / 111_195;
    const dLon = dLat / Math.max(0.1, Math.cos((c.position[1] * Math.PI) / 180));
    add(c.position[0] - dLon, c.position[1] - dLat);
    add(c.position[0] + dLon, c.position[1] + dLat);
  }
  for (const r of regions) {
    const at = PROVINCE_CENTROIDS[r];
    if (at) add(at[0], at[1]);
  }
  if (!Number.isFinite(w)) return null;
  const margin = 1;
  return [Math.max(-180, w - margin), Math.max(-85, s - margin), Math.min(180, e + margin), Math.min(85, n + margin)];
}
