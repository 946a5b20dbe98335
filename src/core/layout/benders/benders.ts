import type { Highs } from 'highs';
import type { CflData } from './data';
import { solveMaster } from './master';
import { solveTransport, type BendersCut, type TransportOutcome } from './transport';

/**
 * Benders decomposition of the layout MILP on the open variables (README, "Layout model"):
 *
 * 1. the LP relaxation first, with in-out stabilisation: the master LP's point is moved halfway
 *    towards a core point (the running mean of the master's points) before the subproblem is
 *    solved there, which gives deeper cuts than the master's own corner points; these cuts seed
 *    the integer master;
 * 2. then the integer master is solved to gap 0 (its optimum is a lower bound on the layout's),
 *    the subproblem at its openings gives a layout (an upper bound) and a cut, until the bounds meet.
 *
 * The cuts carry the strong links x_ij ≤ min(demand_j, capacity_i)·open_i inside the subproblem,
 * which makes them far deeper than the plain capacity cut.
 */
export interface BendersProgress {
  phase: 'relaxation' | 'integer';
  iteration: number;
  lowerBound: number;
  upperBound: number;
}

export interface BendersResult {
  y: Float64Array;
  flows: Map<number, number>;
  upperBound: number;
  lowerBound: number;
  iterations: { relaxation: number; integer: number };
  trajectory: BendersProgress[];
  /** 'optimal' when the bounds met within the gap; 'timeLimit' when the time ran out first. */
  status: 'optimal' | 'timeLimit';
}

export interface BendersOptions {
  /** Seconds before the decomposition stops with its best layout and proven bound (default: none). */
  timeLimitS?: number;
  /** Stop when (upper − lower) ≤ gap·upper (default BENDERS_GAP). */
  gap?: number;
  onProgress?: (p: BendersProgress) => void;
}

/** The relative gap at which the bounds count as met: HiGHS's own LP tolerance, not a heuristic cut-off. */
export const BENDERS_GAP = 1e-7;
/** The relaxation stops when its bounds are this close; the integer phase finishes the proof. */
const RELAXATION_GAP = 1e-4;
const RELAXATION_MAX_ITERATIONS = 300;
const STALL_LIMIT = 5;
const SHORTAGE_TOLERANCE = 1e-9;

export function solveBenders(highs: Highs, data: CflData, options: BendersOptions = {}): BendersResult {
  const gap = options.gap ?? BENDERS_GAP;
  const started = performance.now();
  const remainingS = () => (options.timeLimitS === undefined ? undefined : options.timeLimitS - (performance.now() - started) / 1000);
  const outOfTime = () => (remainingS() ?? 1) <= 0;
  let status: BendersResult['status'] = 'optimal';
  const { n, m, hours, demand, fixedCost } = data;
  let maxHours = 0;
  let thetaFloor = 0;
  for (let j = 0; j < m; j++) {
    let nearest = Infinity;
    for (let i = 0; i < n; i++) nearest = Math.min(nearest, hours[i * m + j] as number);
    thetaFloor += (demand[j] as number) * nearest;
  }
  for (const h of hours) maxHours = Math.max(maxHours, h);
  // Shortage price: above any point's dual in a feasible opening; raised if a feasible opening still shows a shortage.
  let penalty = 4 * maxHours + 1;
  const cuts: BendersCut[] = [];
  const trajectory: BendersProgress[] = [];
  const fixed = (y: Float64Array) => y.reduce((s, v, i) => s + v * (fixedCost[i] as number), 0);
  let lower = -Infinity;
  let upper = Infinity;
  let best: { y: Float64Array; flows: Map<number, number>; travel: number } | null = null;
  const report = (phase: BendersProgress['phase'], iteration: number) => {
    const p = { phase, iteration, lowerBound: lower, upperBound: upper };
    trajectory.push(p);
    options.onProgress?.(p);
  };

  /** The subproblem at y; at a binary y it is exact (a shortage means the penalty was too low). */
  const evaluate = (y: Float64Array, binary: boolean): TransportOutcome => {
    for (let tries = 0; ; tries++) {
      const t = solveTransport(highs, data, y, penalty);
      if (!binary || t.shortage <= SHORTAGE_TOLERANCE * Math.max(1, data.totalDemand) || tries === 20) return t;
      penalty *= 4;
    }
  };

  // 1. The LP relaxation, in-out stabilised.
  let relaxLower = -Infinity;
  let relaxUpper = Infinity;
  let core: Float64Array | null = null;
  let relaxation = 0;
  let stall = 0;
  while (relaxation < RELAXATION_MAX_ITERATIONS) {
    relaxation++;
    const master = solveMaster(highs, data, thetaFloor, cuts, { integer: false });
    if (master.objective > relaxLower + 1e-9 * Math.abs(master.objective)) stall = 0;
    else stall++;
    relaxLower = Math.max(relaxLower, master.objective);
    lower = Math.max(lower, relaxLower);
    core = core ? core.map((c, i) => (c + (master.y[i] as number)) / 2) : master.y;
    const alpha = stall >= STALL_LIMIT ? 1 : 0.5;
    const point = master.y.map((v, i) => alpha * v + (1 - alpha) * (core as Float64Array)[i]!);
    let t = evaluate(point, false);
    if (t.shortage === 0) relaxUpper = Math.min(relaxUpper, fixed(point) + t.value);
    cuts.push(t.cut);
    if (alpha < 1 && cutAt(t.cut, master.y) <= master.theta + 1e-9 * Math.max(1, master.theta)) {
      // The stabilised point gave no cut through the master's point: separate there as well.
      t = evaluate(master.y, false);
      if (t.shortage === 0) relaxUpper = Math.min(relaxUpper, fixed(master.y) + t.value);
      cuts.push(t.cut);
    }
    report('relaxation', relaxation);
    if ((Number.isFinite(relaxUpper) && relaxUpper - relaxLower <= RELAXATION_GAP * Math.abs(relaxUpper)) || outOfTime()) break;
  }

  // 2. The integer master against the subproblem, until the bounds meet.
  let integer = 0;
  for (;;) {
    integer++;
    const left = remainingS();
    const master = solveMaster(highs, data, thetaFloor, cuts, {
      integer: true,
      ...(best ? { start: { y: best.y, theta: best.travel } } : {}),
      ...(left === undefined ? {} : { timeLimitS: left }),
    });
    lower = Math.max(lower, master.bound);
    if (master.stopped && best) {
      status = upper - lower <= gap * Math.abs(upper) ? 'optimal' : 'timeLimit';
      report('integer', integer);
      break;
    }
    if (best && upper - lower <= gap * Math.abs(upper)) {
      report('integer', integer);
      break;
    }
    const y = master.y.map((v) => (v > 0.5 ? 1 : 0));
    const t = evaluate(y, true);
    cuts.push(t.cut);
    const value = fixed(y) + t.value;
    if (t.shortage <= SHORTAGE_TOLERANCE * Math.max(1, data.totalDemand) && value < upper) {
      upper = value;
      best = { y, flows: t.flows, travel: t.value };
    }
    report('integer', integer);
    if (upper - lower <= gap * Math.abs(upper)) break;
    if (outOfTime()) {
      status = 'timeLimit';
      break;
    }
  }
  if (!best) throw new Error('Benders ended without a layout');
  return { y: best.y, flows: best.flows, upperBound: upper, lowerBound: lower, iterations: { relaxation, integer }, trajectory, status };
}

const cutAt = (cut: BendersCut, y: Float64Array): number => cut.coef.reduce((s, c, i) => s - c * (y[i] as number), cut.constant);
