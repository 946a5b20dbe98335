import type { Highs } from 'highs';
import { modelStatusName } from '../../optim/highs';
import type { CflData } from './data';
import type { BendersCut } from './transport';

/**
 * The Benders master: columns open_0 … open_{n-1}, then θ (the travel cost, bounded below by
 * every point served from its nearest site);
 *
 *   minimise   Σ_i fixedCost_i·open_i + θ
 *   subject to Σ_i open_i ≤ maxOpen,   Σ_i capacity_i·open_i ≥ total demand,
 *              θ + Σ_i coef_i·open_i ≥ constant   for every cut,
 *              open_i ∈ {0,1} (or 0…1 for the relaxation).
 *
 * For binary openings the capacity cover is exactly the subproblem's feasibility, so no
 * feasibility cuts are needed there.
 */
export interface MasterOutcome {
  y: Float64Array;
  theta: number;
  objective: number;
  /** A proven lower bound on the master's optimum (= objective for an LP or a MIP solved to gap 0). */
  bound: number;
  /** The time limit ended the solve before optimality (y may then be a non-optimal incumbent, or absent). */
  stopped: boolean;
}

export interface MasterOptions {
  integer: boolean;
  /** A known feasible opening to start branch-and-bound from (with its θ = Q(y)). */
  start?: { y: Float64Array; theta: number };
  /** Seconds before HiGHS stops; the outcome then carries its proven bound and `stopped`. */
  timeLimitS?: number;
}

export function solveMaster(highs: Highs, data: CflData, thetaFloor: number, cuts: readonly BendersCut[], options: MasterOptions): MasterOutcome {
  const { n } = data;
  const numCols = n + 1;
  const numRows = 2 + cuts.length;
  const inf = highs.infinity;
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  const starts = new Int32Array(numRows + 1);
  const indices = new Int32Array(2 * n + cuts.length * (n + 1));
  const values = new Float64Array(indices.length);
  let k = 0;
  const put = (col: number, value: number) => {
    indices[k] = col;
    values[k++] = value;
  };
  const row = (r: number, lower: number, upper: number, fill: () => void) => {
    rowLower[r] = lower;
    rowUpper[r] = upper;
    starts[r] = k;
    fill();
    starts[r + 1] = k;
  };
  row(0, -inf, data.maxOpen, () => {
    for (let i = 0; i < n; i++) put(i, 1);
  });
  row(1, data.totalDemand, inf, () => {
    for (let i = 0; i < n; i++) put(i, data.capacity[i] as number);
  });
  cuts.forEach((cut, c) =>
    row(2 + c, cut.constant, inf, () => {
      for (let i = 0; i < n; i++) if ((cut.coef[i] as number) !== 0) put(i, cut.coef[i] as number);
      put(n, 1);
    }),
  );
  const colCost = new Float64Array(numCols);
  colCost.set(data.fixedCost);
  colCost[n] = 1;
  const colLower = new Float64Array(numCols);
  colLower[n] = thetaFloor;
  const colUpper = new Float64Array(numCols).fill(1);
  colUpper[n] = inf;
  const model = highs.createModel({
    numCols,
    numRows,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    matrix: { format: 'csr', numRows, numCols, starts, indices: indices.subarray(0, k), values: values.subarray(0, k) },
    ...(options.integer ? { integrality: Int32Array.from({ length: numCols }, (_, i) => (i < n ? 1 : 0)) } : {}),
  });
  try {
    model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0, ...(options.timeLimitS ? { time_limit: Math.max(1, options.timeLimitS) } : {}) });
    if (options.integer && options.start) {
      const col = new Float64Array(numCols);
      col.set(options.start.y);
      col[n] = options.start.theta;
      model.setSolution({ colValue: col });
    }
    model.run();
    const status = model.getModelStatus();
    if (status === highs.constants.modelStatus.timeLimit && options.integer) {
      const bound = Number(model.info.get('mip_dual_bound'));
      return { y: Float64Array.from(model.getSolution().colValue.subarray(0, n)), theta: 0, objective: Infinity, bound, stopped: true };
    }
    if (status !== highs.constants.modelStatus.optimal) throw new Error(`HiGHS ended the Benders master with status ${modelStatusName(highs, status)}`);
    const x = model.getSolution().colValue;
    const objective = model.getObjectiveValue();
    const bound = options.integer ? Math.min(objective, Number(model.info.get('mip_dual_bound'))) : objective;
    return { y: Float64Array.from(x.subarray(0, n)), theta: x[n] as number, objective, bound, stopped: false };
  } finally {
    model.dispose();
  }
}
