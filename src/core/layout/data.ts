import { travelHours } from '../dispatch/geo';
import type { LayoutProblem } from './problem';

/** The layout problem as flat arrays for the decomposition (sites i, demand points j). */
export interface CflData {
  n: number;
  m: number;
  /** hours(i,j) at i·m + j. */
  hours: Float64Array;
  demand: Float64Array;
  capacity: Float64Array;
  fixedCost: Float64Array;
  totalDemand: number;
  maxOpen: number;
}

export function cflData(p: LayoutProblem): CflData {
  const n = p.candidates.length;
  const m = p.demands.length;
  const hours = new Float64Array(n * m);
  p.candidates.forEach((c, i) => p.demands.forEach((d, j) => (hours[i * m + j] = travelHours(c, d, p.roadFactor, p.speedKmh))));
  const demand = Float64Array.from(p.demands, (d) => d.demand);
  return {
    n,
    m,
    hours,
    demand,
    capacity: Float64Array.from(p.candidates, (c) => c.capacity),
    fixedCost: Float64Array.from(p.candidates, (c) => c.fixedCost),
    totalDemand: demand.reduce((s, v) => s + v, 0),
    maxOpen: p.maxOpen,
  };
}

/** The strong-link bound of a flow: it never exceeds its point's demand nor its site's capacity. */
export const linkBound = (data: CflData, i: number, j: number): number => Math.min(data.demand[j] as number, data.capacity[i] as number);
