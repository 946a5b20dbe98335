import type { Highs, ModelData } from 'highs';
import { DispatchSolveError } from './errors';
import { highsRuntime, modelStatusName } from '../optim/highs';
import { QUANTITY_EPSILON, categoryBlocks, hoursMatrix, type CategoryBlock } from './model';
import { solveBlockPriced, type PricingOptions } from './priced';
import type { DispatchFlow, DispatchProblem, DispatchShortfall, DispatchSolution, DispatchTransport } from './problem';
import { solveWith } from '../optim/solve-model';
import { transportLimitedModel, transportUse } from './transport-limited';

/**
 * The dispatch LP (README, "Dispatch model"), solved with HiGHS:
 *
 *   minimise   Σ x[c,i,j] · hours(i,j)  +  shortagePenalty · Σ u[c,j]
 *   subject to Σ_j x[c,i,j] ≤ supply[i][c]                 for every category c and depot i
 *              Σ_i x[c,i,j] + u[c,j] = demand[j][c]         for every category c and demand point j
 *              x ≥ 0, u ≥ 0
 *
 * The shortage u keeps every instance feasible: demand beyond supply comes out as shortfalls.
 * Categories share no constraint. `priced` (the default) solves each category by column
 * generation (priced.ts): the arcs from each point's nearest depots first, then the arcs the
 * duals price below zero, to the optimum of the full model. `per-category` hands HiGHS every arc
 * of a category at once, and `combined` stacks the full models in one block-diagonal model; all
 * three give the same optimum (bench/dispatch.bench.ts compares their times). A problem with a
 * transport limit couples the categories and is always solved as one model (transport-limited.ts).
 */
export type SolveMode = 'priced' | 'per-category' | 'combined';

export interface SolveOptions {
  mode?: SolveMode;
  /** Column generation's starting arcs and batch size (`priced` only). */
  pricing?: PricingOptions;
  /** Called after each model is solved (one per category, or one for `combined`). */
  onProgress?: (done: number, total: number) => void;
}

/** A block's columns: every depot × demand-point arc (depot-major), then one shortage per demand point. */
interface BlockLayout {
  block: CategoryBlock;
  colOffset: number;
  rowOffset: number;
}

const arcCount = (b: CategoryBlock) => b.depots.length * b.demands.length;
const colCount = (b: CategoryBlock) => arcCount(b) + b.demands.length;
const rowCount = (b: CategoryBlock) => b.depots.length + b.demands.length;

/** The LP of some blocks stacked block-diagonally, as HiGHS column-wise (CSC) model data. */
export function buildModel(highs: Highs, problem: DispatchProblem, hours: Float64Array, blocks: readonly CategoryBlock[]): { data: ModelData; layout: BlockLayout[] } {
  const nDem = problem.demands.length;
  const numCols = blocks.reduce((n, b) => n + colCount(b), 0);
  const numRows = blocks.reduce((n, b) => n + rowCount(b), 0);
  const nnz = blocks.reduce((n, b) => n + 2 * arcCount(b) + b.demands.length, 0);
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(highs.infinity);
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  const starts = new Int32Array(numCols + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz).fill(1);
  const layout: BlockLayout[] = [];
  let col = 0;
  let row = 0;
  let k = 0;
  for (const b of blocks) {
    layout.push({ block: b, colOffset: col, rowOffset: row });
    const nS = b.depots.length;
    // Supply rows: -inf ≤ Σ_j x[i,j] ≤ supply[i]
    for (let i = 0; i < nS; i++) {
      rowLower[row + i] = -highs.infinity;
      rowUpper[row + i] = b.supply[i] as number;
    }
    // Demand rows: Σ_i x[i,j] + u[j] = demand[j]
    b.demand.forEach((q, j) => {
      rowLower[row + nS + j] = q;
      rowUpper[row + nS + j] = q;
    });
    for (let i = 0; i < nS; i++) {
      const hoursRow = (b.depots[i] as number) * nDem;
      for (let j = 0; j < b.demands.length; j++) {
        colCost[col] = hours[hoursRow + (b.demands[j] as number)] as number;
        starts[col] = k;
        indices[k++] = row + i;
        indices[k++] = row + nS + j;
        col++;
      }
    }
    b.demand.forEach((q, j) => {
      colCost[col] = problem.shortagePenalty;
      colUpper[col] = q;
      starts[col] = k;
      indices[k++] = row + nS + j;
      col++;
    });
    row += rowCount(b);
  }
  starts[numCols] = k;
  const data: ModelData = {
    numCols,
    numRows,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows, numCols, starts, indices, values },
  };
  return { data, layout };
}

/**
 * Presolve is off: a transportation problem leaves it little to remove, and at 500 × 300 × 10
 * HiGHS's default options took about 1.5 times as long (bench/dispatch.bench.ts reports both).
 */
export const HIGHS_OPTIONS = { output_flag: false, presolve: 'off' } as const;

/** Solves model data with HiGHS and returns the column values. */
export function runHighs(highs: Highs, data: ModelData): Float64Array {
  const model = highs.createModel(data);
  try {
    model.options.set(HIGHS_OPTIONS);
    model.run();
    const status = model.getModelStatus();
    if (status !== highs.constants.modelStatus.optimal) {
      throw new DispatchSolveError(`HiGHS ended with status ${modelStatusName(highs, status)}, not optimal`);
    }
    return model.getSolution().colValue;
  } finally {
    model.dispose();
  }
}

/** Reads flows and shortfalls of the blocks out of a solution vector, in block, depot, demand order. */
export function extract(problem: DispatchProblem, hours: Float64Array, layout: readonly BlockLayout[], x: Float64Array): Pick<DispatchSolution, 'flows' | 'shortfalls'> {
  const flows: DispatchFlow[] = [];
  const shortfalls: DispatchShortfall[] = [];
  const nDem = problem.demands.length;
  for (const { block: b, colOffset } of layout) {
    let col = colOffset;
    for (const i of b.depots) {
      for (const j of b.demands) {
        const q = x[col++] ?? 0;
        if (q > QUANTITY_EPSILON) {
          flows.push({
            from: (problem.depots[i] as { id: string }).id,
            to: (problem.demands[j] as { id: string }).id,
            category: b.category,
            quantity: q,
            hours: hours[i * nDem + j] as number,
          });
        }
      }
    }
    for (const j of b.demands) {
      const q = x[col++] ?? 0;
      if (q > QUANTITY_EPSILON) shortfalls.push({ to: (problem.demands[j] as { id: string }).id, category: b.category, quantity: q });
    }
  }
  return { flows, shortfalls };
}

/** The objective recomputed from the reported flows and shortfalls, so anyone can check the file. */
export function objectiveOf(problem: DispatchProblem, flows: readonly DispatchFlow[], shortfalls: readonly DispatchShortfall[]): number {
  let total = 0;
  for (const f of flows) total += f.quantity * f.hours;
  for (const s of shortfalls) total += problem.shortagePenalty * s.quantity;
  if (problem.transport) total += problem.transport.civilianHoursPerTonne * transportUse(flows, problem.transport).civilianTonnes;
  return total;
}

function solveTransportLimited(highs: Highs, problem: DispatchProblem, hours: Float64Array, blocks: readonly CategoryBlock[], transport: DispatchTransport): DispatchSolution {
  const { model, offsets } = transportLimitedModel(problem, hours, blocks, transport);
  const outcome = solveWith(highs, model);
  if (outcome.status !== 'optimal') {
    throw new DispatchSolveError(`HiGHS ended with status ${outcome.status === 'other' ? outcome.statusName : outcome.status}, not optimal`);
  }
  const layout = blocks.map((block, k) => ({ block, colOffset: offsets[k] as number, rowOffset: 0 }));
  const { flows, shortfalls } = extract(problem, hours, layout, outcome.x);
  return { status: 'optimal', objective: objectiveOf(problem, flows, shortfalls), flows, shortfalls, transport: transportUse(flows, transport) };
}

/**
 * Solves a validated dispatch problem. Flows are listed by category code, then depot and demand
 * point in input order (quantities > 1e-9 only); shortfalls by category code, then demand point.
 */
export async function solveDispatch(problem: DispatchProblem, options: SolveOptions = {}): Promise<DispatchSolution> {
  const mode = options.mode ?? 'priced';
  const blocks = categoryBlocks(problem);
  if (blocks.length === 0) return { status: 'optimal', objective: 0, flows: [], shortfalls: [], ...(problem.transport ? { transport: { tonnes: 0, civilianTonnes: 0 } } : {}) };
  const highs = await highsRuntime();
  const hours = hoursMatrix(problem);
  if (problem.transport) {
    const solution = solveTransportLimited(highs, problem, hours, blocks, problem.transport);
    options.onProgress?.(1, 1);
    return solution;
  }
  const flows: DispatchFlow[] = [];
  const shortfalls: DispatchShortfall[] = [];
  if (mode === 'priced') {
    for (const [k, block] of blocks.entries()) {
      const { flow, shortage } = solveBlockPriced(highs, problem, hours, block, options.pricing);
      // The full model's column order: every arc depot-major, then the shortages.
      const x = new Float64Array(flow.length + shortage.length);
      x.set(flow);
      x.set(shortage, flow.length);
      const part = extract(problem, hours, [{ block, colOffset: 0, rowOffset: 0 }], x);
      flows.push(...part.flows);
      shortfalls.push(...part.shortfalls);
      options.onProgress?.(k + 1, blocks.length);
    }
    return { status: 'optimal', objective: objectiveOf(problem, flows, shortfalls), flows, shortfalls };
  }
  const groups = mode === 'combined' ? [blocks] : blocks.map((b) => [b]);
  for (const [k, group] of groups.entries()) {
    const { data, layout } = buildModel(highs, problem, hours, group);
    const part = extract(problem, hours, layout, runHighs(highs, data));
    flows.push(...part.flows);
    shortfalls.push(...part.shortfalls);
    options.onProgress?.(k + 1, groups.length);
  }
  return { status: 'optimal', objective: objectiveOf(problem, flows, shortfalls), flows, shortfalls };
}
