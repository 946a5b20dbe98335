import type { Highs, Model } from 'highs';
import { modelStatusName, runWithVerdict } from '../../optim/highs';
import { linkBound, type CflData } from './data';

/**
 * The Benders subproblem: for given site openings y (0…1), the transportation LP
 *
 *   Q(y) = min Σ_ij hours(i,j)·x_ij  s.t.  Σ_i x_ij = demand_j,  Σ_j x_ij ≤ capacity_i·y_i,
 *                                          0 ≤ x_ij ≤ min(demand_j, capacity_i)·y_i
 *
 * solved by column generation over the sites with y_i > 0 (each point starts with its nearest
 * arcs; arcs left out are priced with the row duals and added while one has a negative reduced
 * cost), so HiGHS never holds all pairs. A shortage column per point at `penalty` keeps every
 * restricted model feasible.
 *
 * Its dual (u_j free, w_i ≥ 0, v_ij = max(0, u_j − w_i − hours(i,j))) is feasible for every y,
 * so Q(y') ≥ Σ_j demand_j·u_j − Σ_i y'_i·coef_i for all y' (the optimality cut), with
 * coef_i = capacity_i·w_i + Σ_j min(demand_j, capacity_i)·v_ij. The cut is built from that dual
 * whatever HiGHS's accuracy, so it is valid by construction. For a site with y_i = 0 the LP says
 * nothing about w_i: it is chosen to make coef_i as small as possible (the strongest cut), a
 * one-dimensional convex minimisation solved exactly.
 */
export interface BendersCut {
  constant: number;
  coef: Float64Array;
}

export interface TransportOutcome {
  /** The restricted LP's optimum: Σ hours·flow + penalty·shortage. */
  value: number;
  /** Total shortage (0 when y can serve every point). */
  shortage: number;
  cut: BendersCut;
  /** The cut's value at y (the dual objective; equals `value` up to HiGHS's tolerances). */
  cutValue: number;
  /** Positive flows as i·m + j → quantity. */
  flows: Map<number, number>;
  rounds: number;
}

const NEAREST = 10;
const ADD_PER_POINT = 8;
const REDUCED_COST_TOLERANCE = 1e-9;
const OPEN_EPSILON = 1e-9;

export function solveTransport(highs: Highs, data: CflData, y: Float64Array, penalty: number): TransportOutcome {
  const { n, m, hours } = data;
  const sites: number[] = [];
  for (let i = 0; i < n; i++) if ((y[i] as number) > OPEN_EPSILON) sites.push(i);
  const rowOf = new Int32Array(n).fill(-1);
  sites.forEach((i, s) => (rowOf[i] = m + s));
  const inModel = new Uint8Array(n * m);
  const arcs: number[] = [];
  for (let j = 0; j < m; j++) {
    const near = sites.slice().sort((a, b) => (hours[a * m + j] as number) - (hours[b * m + j] as number));
    for (const i of near.slice(0, NEAREST)) {
      inModel[i * m + j] = 1;
      arcs.push(i * m + j);
    }
  }
  const model = highs.createModel(restrictedModel(highs, data, y, sites, penalty));
  try {
    model.options.set({ output_flag: false });
    addArcs(model, data, y, rowOf, arcs);
    let rounds = 0;
    let rowDual: Float64Array;
    for (;;) {
      rounds++;
      const status = runWithVerdict(highs, model);
      if (status !== highs.constants.modelStatus.optimal) throw new Error(`HiGHS ended the transportation LP with status ${modelStatusName(highs, status)}`);
      rowDual = model.getSolution().rowDual;
      const entering = price(data, sites, rowOf, rowDual, inModel);
      if (entering.length === 0) break;
      for (const a of entering) inModel[a] = 1;
      addArcs(model, data, y, rowOf, entering);
      arcs.push(...entering);
    }
    const x = model.getSolution().colValue;
    let shortage = 0;
    for (let j = 0; j < m; j++) shortage += x[j] as number;
    const flows = new Map<number, number>();
    arcs.forEach((a, c) => {
      const q = x[m + c] as number;
      if (q > 0) flows.set(a, q);
    });
    const u = Float64Array.from(rowDual.subarray(0, m));
    const w = new Float64Array(n);
    for (const i of sites) w[i] = Math.max(0, -(rowDual[rowOf[i] as number] as number));
    const cut = buildCut(data, u, w, rowOf);
    let cutValue = cut.constant;
    for (const i of sites) cutValue -= (cut.coef[i] as number) * (y[i] as number);
    return { value: model.getObjectiveValue(), shortage, cut, cutValue, flows, rounds };
  } finally {
    model.dispose();
  }
}

/** The optimality cut of dual (u, w); sites outside the model (rowOf −1) get their best w. */
function buildCut(data: CflData, u: Float64Array, w: Float64Array, rowOf: Int32Array): BendersCut {
  const { n, m, hours, demand, capacity } = data;
  let constant = 0;
  for (let j = 0; j < m; j++) constant += (demand[j] as number) * (u[j] as number);
  const coef = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (rowOf[i] === -1) w[i] = bestCapacityDual(data, u, i);
    const wi = w[i] as number;
    let c = (capacity[i] as number) * wi;
    for (let j = 0; j < m; j++) {
      const v = (u[j] as number) - wi - (hours[i * m + j] as number);
      if (v > 0) c += linkBound(data, i, j) * v;
    }
    coef[i] = c;
  }
  return { constant, coef };
}

/**
 * argmin over w ≥ 0 of capacity_i·w + Σ_j bound_ij·max(0, a_j − w), a_j = u_j − hours(i,j):
 * convex and piecewise linear with slope capacity_i − Σ_{a_j > w} bound_ij, so the minimum is at
 * the first a_j (descending) where the bounds above it would exceed the capacity.
 */
function bestCapacityDual(data: CflData, u: Float64Array, i: number): number {
  const { m, hours, capacity } = data;
  const gains: number[] = [];
  for (let j = 0; j < m; j++) {
    const a = (u[j] as number) - (hours[i * m + j] as number);
    if (a > 0) gains.push(j);
  }
  const a = (j: number) => (u[j] as number) - (hours[i * m + j] as number);
  gains.sort((p, q) => a(q) - a(p));
  let held = 0;
  for (const j of gains) {
    held += linkBound(data, i, j);
    if (held > (capacity[i] as number)) return a(j);
  }
  return 0;
}

/** Rows: demand of each point (=), then capacity of each site in the model (≤); columns: shortages. */
function restrictedModel(highs: Highs, data: CflData, y: Float64Array, sites: readonly number[], penalty: number) {
  const { m, demand, capacity } = data;
  const numRows = m + sites.length;
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  for (let j = 0; j < m; j++) rowLower[j] = rowUpper[j] = demand[j] as number;
  sites.forEach((i, s) => {
    rowLower[m + s] = -highs.infinity;
    rowUpper[m + s] = (capacity[i] as number) * (y[i] as number);
  });
  const starts = new Int32Array(m + 1);
  const indices = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    starts[j] = j;
    indices[j] = j;
  }
  starts[m] = m;
  return {
    numCols: m,
    numRows,
    colCost: new Float64Array(m).fill(penalty),
    colLower: new Float64Array(m),
    colUpper: Float64Array.from(demand),
    rowLower,
    rowUpper,
    matrix: { format: 'csc' as const, numRows, numCols: m, starts, indices, values: new Float64Array(m).fill(1) },
  };
}

function addArcs(model: Model, data: CflData, y: Float64Array, rowOf: Int32Array, arcs: readonly number[]): void {
  const { m, hours } = data;
  const count = arcs.length;
  const cost = new Float64Array(count);
  const upper = new Float64Array(count);
  const starts = new Int32Array(count + 1);
  const indices = new Int32Array(2 * count);
  arcs.forEach((a, c) => {
    const i = Math.floor(a / m);
    const j = a - i * m;
    cost[c] = hours[a] as number;
    upper[c] = linkBound(data, i, j) * (y[i] as number);
    starts[c] = 2 * c;
    indices[2 * c] = j;
    indices[2 * c + 1] = rowOf[i] as number;
  });
  starts[count] = 2 * count;
  const numRows = model.getDimensions().numRows;
  model.addCols({ cost, lower: new Float64Array(count), upper, matrix: { format: 'csc', numRows, numCols: count, starts, indices, values: new Float64Array(2 * count).fill(1) } });
}

/** Arcs left out with reduced cost hours + w_i − u_j below −tolerance, the most negative few per point. */
function price(data: CflData, sites: readonly number[], rowOf: Int32Array, rowDual: Float64Array, inModel: Uint8Array): number[] {
  const { m, hours } = data;
  const out: number[] = [];
  const best: { rc: number; a: number }[] = [];
  for (let j = 0; j < m; j++) {
    const uj = rowDual[j] as number;
    best.length = 0;
    for (const i of sites) {
      const a = i * m + j;
      if (inModel[a]) continue;
      const rc = (hours[a] as number) - (rowDual[rowOf[i] as number] as number) - uj;
      if (rc >= -REDUCED_COST_TOLERANCE) continue;
      if (best.length === ADD_PER_POINT && rc >= (best[ADD_PER_POINT - 1] as { rc: number }).rc) continue;
      if (best.length === ADD_PER_POINT) best.pop();
      let at = best.length;
      while (at > 0 && (best[at - 1] as { rc: number }).rc > rc) at--;
      best.splice(at, 0, { rc, a });
    }
    for (const b of best) out.push(b.a);
  }
  return out;
}
