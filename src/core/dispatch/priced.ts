import type { Highs, Model } from 'highs';
import { DispatchSolveError } from './errors';
import { modelStatusName, runWithVerdict } from '../optim/highs';
import type { CategoryBlock } from './model';
import type { DispatchProblem } from './problem';

/**
 * One category's transportation LP solved by column generation, to the optimum of the full model
 * (every depot × demand-point arc) without handing HiGHS all of them at once.
 *
 * The restricted model holds the shortage of every demand point (so it is always feasible) and
 * the arcs from each point's `nearest` closest depots. After each solve the row duals y price
 * every arc left out: reduced cost hours(i,j) − y[supply i] − y[demand j]. Arcs with a negative
 * reduced cost are added (the most negative few per point) and the model is solved again from
 * its last basis, until no arc left out has one: the restricted optimum is then optimal for the
 * full model, since the left-out arcs are all at zero in a dually feasible basis.
 */
export interface PricingOptions {
  /** Arcs per demand point in the first restricted model. */
  nearest?: number;
  /** At most this many arcs added per demand point and round. */
  addPerPoint?: number;
}

export const PRICING_DEFAULTS = { nearest: 12, addPerPoint: 8 } as const;

/**
 * An arc counts as improving below this reduced cost: HiGHS's own dual feasibility tolerance,
 * so an arc HiGHS would not pivot in is not added again and again.
 */
const REDUCED_COST_TOLERANCE = 1e-7;

export interface PricedBlock {
  /** Flow on depot × demand point of the block (block-local indices), row-major by depot. */
  flow: Float64Array;
  /** Shortage per demand point of the block. */
  shortage: Float64Array;
  /** Restricted solves (1 when the nearest arcs were already optimal). */
  rounds: number;
  /** Arcs in the last restricted model. */
  arcs: number;
}

/** Block-local indices of the `k` depots closest to demand point `j` (block-local). */
function nearestDepots(block: CategoryBlock, cost: (i: number, j: number) => number, j: number, k: number): number[] {
  const order = block.depots.map((_, i) => i);
  if (order.length <= k) return order;
  order.sort((a, b) => cost(a, j) - cost(b, j));
  return order.slice(0, k);
}

export function solveBlockPriced(highs: Highs, problem: DispatchProblem, hours: Float64Array, block: CategoryBlock, options: PricingOptions = {}): PricedBlock {
  const nearest = Math.max(1, options.nearest ?? PRICING_DEFAULTS.nearest);
  const addPerPoint = Math.max(1, options.addPerPoint ?? PRICING_DEFAULTS.addPerPoint);
  const nS = block.depots.length;
  const nD = block.demands.length;
  const nDem = problem.demands.length;
  const cost = (i: number, j: number) => hours[(block.depots[i] as number) * nDem + (block.demands[j] as number)] as number;

  // Columns 0…nD-1: the shortages; then arcs in the order they were added (arcAt).
  const inModel = new Uint8Array(nS * nD);
  const arcAt: number[] = [];
  const initial: number[] = [];
  for (let j = 0; j < nD; j++) {
    for (const i of nearestDepots(block, cost, j, nearest)) {
      inModel[i * nD + j] = 1;
      initial.push(i * nD + j);
    }
  }

  const model = highs.createModel(restrictedModel(highs, problem, block, cost, initial));
  try {
    arcAt.push(...initial);
    model.options.set({ output_flag: false, presolve: 'off' });
    let rounds = 0;
    for (;;) {
      rounds++;
      runOptimal(highs, model);
      const y = model.getSolution().rowDual;
      const entering = price(nS, nD, cost, y, inModel, addPerPoint);
      if (entering.length === 0) break;
      addArcs(model, highs.infinity, nS, nD, cost, entering);
      for (const a of entering) inModel[a] = 1;
      arcAt.push(...entering);
    }
    const x = model.getSolution().colValue;
    const flow = new Float64Array(nS * nD);
    arcAt.forEach((a, c) => {
      flow[a] = x[nD + c] ?? 0;
    });
    return { flow, shortage: Float64Array.from(x.subarray(0, nD)), rounds, arcs: arcAt.length };
  } finally {
    model.dispose();
  }
}

/** Rows: supply of each depot (≤), then demand of each point (=); columns: shortages, then the given arcs. */
function restrictedModel(highs: Highs, problem: DispatchProblem, block: CategoryBlock, cost: (i: number, j: number) => number, arcs: readonly number[]) {
  const nS = block.depots.length;
  const nD = block.demands.length;
  const numRows = nS + nD;
  const numCols = nD + arcs.length;
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  for (let i = 0; i < nS; i++) {
    rowLower[i] = -highs.infinity;
    rowUpper[i] = block.supply[i] as number;
  }
  for (let j = 0; j < nD; j++) {
    rowLower[nS + j] = block.demand[j] as number;
    rowUpper[nS + j] = block.demand[j] as number;
  }
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(highs.infinity);
  const starts = new Int32Array(numCols + 1);
  const indices = new Int32Array(nD + 2 * arcs.length);
  let k = 0;
  for (let j = 0; j < nD; j++) {
    colCost[j] = problem.shortagePenalty;
    colUpper[j] = block.demand[j] as number;
    starts[j] = k;
    indices[k++] = nS + j;
  }
  arcs.forEach((a, c) => {
    const i = Math.floor(a / nD);
    const j = a - i * nD;
    colCost[nD + c] = cost(i, j);
    starts[nD + c] = k;
    indices[k++] = i;
    indices[k++] = nS + j;
  });
  starts[numCols] = k;
  const values = new Float64Array(k).fill(1);
  return { numCols, numRows, colCost, colLower, colUpper, rowLower, rowUpper, matrix: { format: 'csc' as const, numRows, numCols, starts, indices, values } };
}

function runOptimal(highs: Highs, model: Model): void {
  const status = runWithVerdict(highs, model);
  if (status !== highs.constants.modelStatus.optimal) {
    throw new DispatchSolveError(`HiGHS ended with status ${modelStatusName(highs, status)}, not optimal`);
  }
}

/**
 * Arcs left out with a negative reduced cost, at most `perPoint` per demand point (the most
 * negative), as `i * nD + j`. For a minimisation HiGHS reports y with reduced cost c − Aᵀy.
 */
export function price(nS: number, nD: number, cost: (i: number, j: number) => number, y: ArrayLike<number>, inModel: Uint8Array, perPoint: number): number[] {
  const out: number[] = [];
  const bestRc: number[] = [];
  const bestArc: number[] = [];
  for (let j = 0; j < nD; j++) {
    const yj = y[nS + j] as number;
    bestRc.length = 0;
    bestArc.length = 0;
    for (let i = 0; i < nS; i++) {
      const a = i * nD + j;
      if (inModel[a]) continue;
      const rc = cost(i, j) - (y[i] as number) - yj;
      if (rc >= -REDUCED_COST_TOLERANCE) continue;
      if (bestRc.length === perPoint && rc >= (bestRc[perPoint - 1] as number)) continue;
      // Insertion into the short sorted list of the most negative so far.
      let at = Math.min(bestRc.length, perPoint - 1);
      if (bestRc.length < perPoint) {
        bestRc.push(rc);
        bestArc.push(a);
        at = bestRc.length - 1;
      }
      while (at > 0 && (bestRc[at - 1] as number) > rc) {
        bestRc[at] = bestRc[at - 1] as number;
        bestArc[at] = bestArc[at - 1] as number;
        at--;
      }
      bestRc[at] = rc;
      bestArc[at] = a;
    }
    out.push(...bestArc);
  }
  return out;
}

function addArcs(model: Model, infinity: number, nS: number, nD: number, cost: (i: number, j: number) => number, arcs: readonly number[]): void {
  const n = arcs.length;
  const colCost = new Float64Array(n);
  const starts = new Int32Array(n + 1);
  const indices = new Int32Array(2 * n);
  arcs.forEach((a, c) => {
    const i = Math.floor(a / nD);
    const j = a - i * nD;
    colCost[c] = cost(i, j);
    starts[c] = 2 * c;
    indices[2 * c] = i;
    indices[2 * c + 1] = nS + j;
  });
  starts[n] = 2 * n;
  model.addCols({
    cost: colCost,
    lower: new Float64Array(n),
    upper: new Float64Array(n).fill(infinity),
    matrix: { format: 'csc', numRows: nS + nD, numCols: n, starts, indices, values: new Float64Array(2 * n).fill(1) },
  });
}
