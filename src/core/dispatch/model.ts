import { travelHours } from './geo';
import type { DispatchProblem } from './problem';

/** Quantities at or below this are treated as zero: in the input (no arc, no row) and in the output. */
export const QUANTITY_EPSILON = 1e-9;

/**
 * One category's transportation problem: the depots that can give it and the points that need
 * it (indices into the problem's arrays, in input order). Categories are independent: nothing
 * links them but the travel times, which are the same for every category.
 */
export interface CategoryBlock {
  category: string;
  depots: number[];
  supply: number[];
  demands: number[];
  demand: number[];
}

/** Plain string order (not locale order), so the output is the same on every machine. */
export const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The categories somebody needs, in code order, each with its suppliers and its demand points. */
export function categoryBlocks(problem: DispatchProblem): CategoryBlock[] {
  const codes = new Set<string>();
  for (const d of problem.demands) for (const [c, q] of Object.entries(d.demand)) if (q > QUANTITY_EPSILON) codes.add(c);
  return [...codes].sort(byCode).map((category) => {
    const block: CategoryBlock = { category, depots: [], supply: [], demands: [], demand: [] };
    problem.depots.forEach((d, i) => {
      const q = d.supply[category] ?? 0;
      if (q > QUANTITY_EPSILON) {
        block.depots.push(i);
        block.supply.push(q);
      }
    });
    problem.demands.forEach((p, j) => {
      const q = p.demand[category] ?? 0;
      if (q > QUANTITY_EPSILON) {
        block.demands.push(j);
        block.demand.push(q);
      }
    });
    return block;
  });
}

/** Road hours from every depot to every demand point (plus the depot's extra hours), row-major by depot. */
export function hoursMatrix(problem: DispatchProblem): Float64Array {
  const nDem = problem.demands.length;
  const hours = new Float64Array(problem.depots.length * nDem);
  problem.depots.forEach((d, i) => {
    problem.demands.forEach((p, j) => {
      hours[i * nDem + j] = travelHours(d, p, problem.roadFactor, problem.speedKmh) + (d.extraHours ?? 0);
    });
  });
  return hours;
}
