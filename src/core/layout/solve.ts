import { travelHours } from '../dispatch/geo';
import { LinearModelBuilder, type LinearModel } from '../optim/linear-model';
import { highsRuntime } from '../optim/highs';
import { solveLinearModel, type SolveModelOptions } from '../optim/solve-model';
import { cflData } from './data';
import { solveNearestArcs, type NearestArcsRound } from './nearest-arcs';
import type { LayoutFlow, LayoutProblem, LayoutSolution } from './problem';

/** Flows at or below this are not reported. */
const FLOW_EPSILON = 1e-9;

/**
 * The capacitated facility-location MILP (README, "Layout model"):
 *
 *   minimise   Σ_i fixedCost_i·open_i + Σ_ij hours(i,j)·flow_ij
 *   subject to Σ_i flow_ij = demand_j                 for every demand point j
 *              Σ_j flow_ij − capacity_i·open_i ≤ 0    for every candidate i
 *              Σ_i open_i ≤ maxOpen
 *              open_i ∈ {0,1}, flow_ij ≥ 0
 *
 * Columns: open_0 … open_{n-1}, then flow_ij candidate-major (i·m + j). Up to
 * STRONG_LINKS_MAX_PAIRS pairs the strong links are added (see LayoutModelOptions): at 100 × 500
 * they cut HiGHS's time to a third.
 */
export interface LayoutModel {
  model: LinearModel;
  hours: Float64Array;
}

export interface LayoutModelOptions {
  /**
   * Add flow_ij ≤ min(demand_j, capacity_i)·open_i for every pair: implied by the model (same
   * optimum), but they tighten its LP relaxation, so branch-and-bound has far less to search.
   */
  strongLinks?: boolean;
}

export function buildLayoutModel(p: LayoutProblem, options: LayoutModelOptions = {}): LayoutModel {
  const n = p.candidates.length;
  const m = p.demands.length;
  const b = new LinearModelBuilder();
  for (const c of p.candidates) b.addBinary(c.fixedCost);
  const hours = new Float64Array(n * m);
  p.candidates.forEach((c, i) => {
    p.demands.forEach((d, j) => {
      const h = travelHours(c, d, p.roadFactor, p.speedKmh);
      hours[i * m + j] = h;
      // A flow never exceeds its point's demand nor its site's capacity: bounds that do not change the optimum.
      b.addCol(h, 0, Math.min(d.demand, c.capacity));
    });
  });
  const flow = (i: number, j: number) => n + i * m + j;
  p.demands.forEach((d, j) => {
    b.addRow(
      p.candidates.map((_, i) => flow(i, j)),
      p.candidates.map(() => 1),
      d.demand,
      d.demand,
    );
  });
  p.candidates.forEach((c, i) => {
    const cols = [i, ...p.demands.map((_, j) => flow(i, j))];
    const coefs = [-c.capacity, ...p.demands.map(() => 1)];
    b.addRow(cols, coefs, -Infinity, 0);
  });
  if (options.strongLinks) {
    p.candidates.forEach((c, i) => {
      p.demands.forEach((d, j) => {
        const bound = Math.min(d.demand, c.capacity);
        if (bound > 0) b.addRow([flow(i, j), i], [1, -bound], -Infinity, 0);
      });
    });
  }
  b.addRow(
    p.candidates.map((_, i) => i),
    p.candidates.map(() => 1),
    -Infinity,
    p.maxOpen,
  );
  return { model: b.build(), hours };
}

/**
 * Why an instance has no solution, or null when it has one: the demand can be met exactly when
 * the `maxOpen` largest capacities cover the total demand (flows are otherwise unrestricted).
 */
export function infeasibilityReason(p: LayoutProblem): string | null {
  const total = p.demands.reduce((s, d) => s + d.demand, 0);
  if (total <= 0) return null;
  const largest = p.candidates
    .map((c) => c.capacity)
    .sort((a, b) => b - a)
    .slice(0, p.maxOpen);
  const reachable = largest.reduce((s, c) => s + c, 0);
  if (reachable + 1e-9 * Math.max(1, total) >= total) return null;
  const k = Math.min(p.maxOpen, p.candidates.length);
  return `total demand ${total} exceeds the capacity ${reachable} of the ${k} largest candidate site${k === 1 ? '' : 's'} (maxOpen ${p.maxOpen})`;
}

/** Reads open sites and flows out of a solution vector; the objective is recomputed from them. */
export function extractLayout(p: LayoutProblem, hours: Float64Array, x: ArrayLike<number>): Extract<LayoutSolution, { status: 'optimal' }> {
  const n = p.candidates.length;
  const m = p.demands.length;
  const open: string[] = [];
  let fixedCost = 0;
  p.candidates.forEach((c, i) => {
    if ((x[i] ?? 0) > 0.5) {
      open.push(c.id);
      fixedCost += c.fixedCost;
    }
  });
  const flows: LayoutFlow[] = [];
  let travelCost = 0;
  p.candidates.forEach((c, i) => {
    p.demands.forEach((d, j) => {
      const q = x[n + i * m + j] ?? 0;
      if (q > FLOW_EPSILON) {
        const h = hours[i * m + j] as number;
        flows.push({ from: c.id, to: d.id, quantity: q, hours: h });
        travelCost += q * h;
      }
    });
  });
  return { status: 'optimal', objective: fixedCost + travelCost, open, flows, fixedCost, travelCost };
}

/**
 * Above this many candidate × demand pairs the full model leaves the strong links out: at
 * 300 × 2,000 their 600,000 rows made HiGHS (32-bit WebAssembly) abort while building the model.
 */
export const STRONG_LINKS_MAX_PAIRS = 100_000;
export const useStrongLinks = (p: LayoutProblem): boolean => p.candidates.length * p.demands.length <= STRONG_LINKS_MAX_PAIRS;

export interface SolveLayoutOptions extends SolveModelOptions {
  /**
   * 'nearest-arcs' (the default): each point's nearest sites with a proof for the rest
   * (nearest-arcs.ts); 'monolithic': the full model in one MILP, the reference the tests and the
   * bench compare with (up to STRONG_LINKS_MAX_PAIRS pairs).
   */
  method?: 'nearest-arcs' | 'monolithic';
  /** Each round of the nearest-arcs method as it ends. */
  onRound?: (r: NearestArcsRound) => void;
  /** Arcs per point in its first round (nearest-arcs.ts, INITIAL_ARCS). */
  initialArcs?: number;
}

/** Solves a validated layout problem to proven optimality (relative gap 0). */
export async function solveLayout(p: LayoutProblem, options: SolveLayoutOptions = {}): Promise<LayoutSolution> {
  const reason = infeasibilityReason(p);
  if (reason) return { status: 'infeasible', reason };
  if (options.method === 'monolithic') {
    const { model, hours } = buildLayoutModel(p, { strongLinks: useStrongLinks(p) });
    const r = await solveLinearModel(model, options);
    if (r.status === 'infeasible') return { status: 'infeasible', reason: 'HiGHS proved the model infeasible' };
    if (r.status !== 'optimal') throw new Error(`HiGHS ended with status ${r.statusName}, not optimal`);
    return extractLayout(p, hours, r.x);
  }
  const data = cflData(p);
  const r = solveNearestArcs(await highsRuntime(), data, {
    ...(options.timeLimitS ? { timeLimitS: options.timeLimitS } : {}),
    ...(options.onRound ? { onRound: options.onRound } : {}),
    ...(options.initialArcs ? { initialArcs: options.initialArcs } : {}),
  });
  const last = r.rounds.at(-1) as NearestArcsRound;
  return { ...extractLayout(p, data.hours, r.x), method: 'nearest-arcs', rounds: r.rounds.length, arcs: last.arcs };
}
