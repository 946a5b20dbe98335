import type { Highs } from 'highs';
import { LinearModelBuilder, type LinearModel } from '../optim/linear-model';
import { solveWith } from '../optim/solve-model';
import { linkBound, type CflData } from './data';

/**
 * The layout MILP solved on each demand point's nearest sites, with a proof that the arcs left
 * out cannot improve it (README, "Layout model"). Round by round:
 *
 *   the restricted model R keeps, for every point j, the arcs to its k_j nearest candidates and
 *   adds an overflow column s_j priced at the hours of the nearest arc left out, which needs no
 *   capacity and no open site. Every layout of the full model maps onto R at no higher cost
 *   (its flow on left-out arcs moves to s_j, which costs no more and frees capacity), so R's
 *   optimum is a lower bound on the full model's. When R's optimum uses no overflow it is a
 *   layout of the full model at that bound: the full optimum. Otherwise each point that used its
 *   overflow gets twice as many arcs and R is solved again, started from its last layout.
 *
 * R also carries the strong links flow_ij ≤ min(demand_j, capacity_i)·open_i and the capacity
 * cover Σ_i capacity_i·open_i ≥ total demand (valid for the full model, so R stays a relaxation).
 * At 300 × 2,000 it holds about 27,000 arcs where the full model has 600,000.
 */
export interface NearestArcsRound {
  round: number;
  /** Arcs in this round's model. */
  arcs: number;
  /** The round's optimum: a proven lower bound on the layout's. */
  bound: number;
  /** Points whose optimum used the overflow (0 in the last round). */
  overflowPoints: number;
  ms: number;
}

export interface NearestArcsOptions {
  /** Arcs per point in the first round (default INITIAL_ARCS). */
  initialArcs?: number;
  /** Seconds for all rounds together; past it the solve fails with its proven bound. */
  timeLimitS?: number;
  onRound?: (r: NearestArcsRound) => void;
}

export interface NearestArcsResult {
  /** The full model's solution vector: open_0 … open_{n-1}, then flow_ij at n + i·m + j. */
  x: Float64Array;
  rounds: NearestArcsRound[];
  /** The last round's model, whose optimum is the layout's (for an independent solver to check). */
  lastModel: LinearModel;
}

export const INITIAL_ARCS = 12;
/** Overflow at or below this share of a point's demand is HiGHS's feasibility tolerance, not flow. */
const OVERFLOW_TOLERANCE = 1e-9;

export function solveNearestArcs(highs: Highs, data: CflData, options: NearestArcsOptions = {}): NearestArcsResult {
  const { n, m, demand } = data;
  const started = performance.now();
  const order = nearestFirst(data);
  const arcsOf = new Int32Array(m).fill(Math.min(n, options.initialArcs ?? INITIAL_ARCS));
  const rounds: NearestArcsRound[] = [];
  let last: Float64Array | null = null;
  for (let round = 1; ; round++) {
    const r = restrictedModel(data, order, arcsOf);
    const left = options.timeLimitS === undefined ? undefined : options.timeLimitS - (performance.now() - started) / 1000;
    if (left !== undefined && left <= 0) throw new Error(`layout: the time limit ran out before round ${round}, at a proven lower bound of ${rounds.at(-1)?.bound ?? '–'}`);
    const roundStart = performance.now();
    const outcome = solveWith(highs, r.model, { mipRelGap: 0, ...(left === undefined ? {} : { timeLimitS: left }), ...(last ? { start: r.start(last) } : {}) });
    if (outcome.status === 'infeasible') throw new Error('layout: HiGHS proved the model infeasible although the largest sites cover the demand');
    if (outcome.status !== 'optimal') throw new Error(`layout: HiGHS ended round ${round} with status ${outcome.statusName}, not optimal`);
    const full = r.expand(outcome.x);
    let overflowPoints = 0;
    for (let j = 0; j < m; j++) {
      const s = r.overflowCol[j] as number;
      if (s >= 0 && (outcome.x[s] as number) > OVERFLOW_TOLERANCE * Math.max(1, demand[j] as number)) {
        overflowPoints++;
        arcsOf[j] = Math.min(n, 2 * (arcsOf[j] as number));
      }
    }
    rounds.push({ round, arcs: r.arcCount, bound: outcome.objective, overflowPoints, ms: Math.round(performance.now() - roundStart) });
    options.onRound?.(rounds.at(-1) as NearestArcsRound);
    if (overflowPoints === 0) return { x: full, rounds, lastModel: r.model };
    last = full;
  }
}

/** For every point, the candidates by travel hours, nearest first. */
function nearestFirst(data: CflData): Int32Array[] {
  const { n, m, hours } = data;
  const order: Int32Array[] = [];
  for (let j = 0; j < m; j++) {
    const sites = Int32Array.from({ length: n }, (_, i) => i);
    sites.sort((a, b) => (hours[a * m + j] as number) - (hours[b * m + j] as number));
    order.push(sites);
  }
  return order;
}

/** R for the current arcs per point; maps its solution to the full vector and back. */
function restrictedModel(data: CflData, order: readonly Int32Array[], arcsOf: Int32Array) {
  const { n, m, hours, demand, capacity } = data;
  const b = new LinearModelBuilder();
  for (let i = 0; i < n; i++) b.addBinary(data.fixedCost[i] as number);
  const atSite: number[][] = Array.from({ length: n }, () => []);
  const arcCols: number[] = [];
  const arcOf: number[] = [];
  const overflowCol = new Int32Array(m).fill(-1);
  for (let j = 0; j < m; j++) {
    const k = arcsOf[j] as number;
    const sites = order[j] as Int32Array;
    const cols: number[] = [];
    for (let r = 0; r < k; r++) {
      const i = sites[r] as number;
      const c = b.addCol(hours[i * m + j] as number, 0, linkBound(data, i, j));
      cols.push(c);
      atSite[i]?.push(c);
      arcCols.push(c);
      arcOf.push(i * m + j);
    }
    if (k < n) {
      overflowCol[j] = b.addCol(hours[(sites[k] as number) * m + j] as number, 0, demand[j] as number);
      cols.push(overflowCol[j] as number);
    }
    b.addRow(cols, cols.map(() => 1), demand[j] as number, demand[j] as number);
  }
  for (let i = 0; i < n; i++) {
    const cols = atSite[i] as number[];
    b.addRow([i, ...cols], [-(capacity[i] as number), ...cols.map(() => 1)], -Infinity, 0);
  }
  arcCols.forEach((c, k) => {
    const a = arcOf[k] as number;
    const i = Math.floor(a / m);
    b.addRow([c, i], [1, -linkBound(data, i, a - i * m)], -Infinity, 0);
  });
  const sites = Array.from({ length: n }, (_, i) => i);
  b.addRow(sites, sites.map(() => 1), -Infinity, data.maxOpen);
  b.addRow(sites, Array.from(capacity), data.totalDemand, Infinity);
  const model = b.build();
  return {
    model,
    arcCount: arcCols.length,
    overflowCol,
    expand(x: Float64Array): Float64Array {
      const full = new Float64Array(n + n * m);
      for (let i = 0; i < n; i++) full[i] = (x[i] as number) > 0.5 ? 1 : 0;
      arcCols.forEach((c, k) => (full[n + (arcOf[k] as number)] = x[c] as number));
      return full;
    },
    /** A start from the last round's layout: its flows, and what it served by no arc of this round as overflow. */
    start(full: Float64Array): Float64Array {
      const x = new Float64Array(model.colCost.length);
      x.set(full.subarray(0, n));
      const served = new Float64Array(m);
      arcCols.forEach((c, k) => {
        const a = arcOf[k] as number;
        x[c] = full[n + a] as number;
        served[a % m] = (served[a % m] as number) + (x[c] as number);
      });
      for (let j = 0; j < m; j++) if ((overflowCol[j] as number) >= 0) x[overflowCol[j] as number] = Math.max(0, (demand[j] as number) - (served[j] as number));
      return x;
    },
  };
}
