import GLPK from 'glpk.js/node';
import { buildLayoutModel, cflData, parseLayoutProblem, solveNearestArcs, useStrongLinks, type LayoutProblem, type NearestArcsRound } from '../src/core/layout';
import loadHighs from 'highs';
import { solveWith } from '../src/core/optim/solve-model';
import { loadPrefectures } from '../src/core/seed';
import { toGlpkModel, type Glpk } from './lib/glpk-model';
import { round } from './lib/measure';
import { writeResult } from './lib/results';

/**
 * The layout optimiser (src/core/layout) at 300 candidate sites × 2,000 demand points by its
 * nearest-arcs method, and at 100 × 500 both by that method and by the monolithic MILP (all pairs,
 * with the strong links). Each HiGHS model is also solved with GLPK (glpk.js; same rows, columns,
 * bounds and integrality, bench/lib/glpk-model.ts) in the same run. GLPK gets a time limit: if it
 * does not prove optimality within it, the ratio is reported as a lower bound (limit ÷ HiGHS's time).
 */
const log = (line: string) => process.stderr.write(`${line}\n`);
const FULL = { candidates: 300, demands: 2000 };
const QUICK = { candidates: 100, demands: 500 };
const HIGHS_LIMIT_S = 600;
const GLPK_LIMIT_S = 180;
/** GLPK on the last round's model at 300 × 2,000. */
const GLPK_FULL_LIMIT_S = 300;

export function layoutBenchInstance(size: { candidates: number; demands: number }, seed = 20261204): LayoutProblem {
  let s = seed >>> 0;
  const rnd = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const cities = loadPrefectures();
  const near = () => {
    const c = cities[Math.floor(rnd() * cities.length)] as { lon: number; lat: number };
    return { lon: round(c.lon + (rnd() - 0.5) * 0.6, 4), lat: round(c.lat + (rnd() - 0.5) * 0.6, 4) };
  };
  const demands = Array.from({ length: size.demands }, (_, j) => ({ id: `P${j}`, ...near(), demand: 1 + Math.round(rnd() * 99) }));
  const total = demands.reduce((a, d) => a + d.demand, 0);
  // Capacities average 3 × total ÷ maxOpen ÷ 2 so that about a third of the allowed sites suffice; fixed costs comparable to a site's travel savings.
  const maxOpen = Math.round(size.candidates / 5);
  const candidates = Array.from({ length: size.candidates }, (_, i) => ({
    id: `S${i}`,
    ...near(),
    fixedCost: Math.round(2000 + rnd() * 8000),
    capacity: Math.round(((0.5 + rnd()) * 3 * total) / maxOpen / 2),
  }));
  return parseLayoutProblem({ candidates, demands, maxOpen });
}

/** One size: HiGHS (a fresh runtime, since an abort leaves one unusable) to gap 0, then GLPK on the same model. */
async function compareAt(glpk: Glpk, size: { candidates: number; demands: number }) {
  const problem = layoutBenchInstance(size);
  const strongLinks = useStrongLinks(problem);
  log(`layout: ${size.candidates} candidates × ${size.demands} demand points, maxOpen ${problem.maxOpen}${strongLinks ? ', strong links' : ''}`);
  let started = performance.now();
  const { model } = buildLayoutModel(problem, { strongLinks });
  const buildMs = performance.now() - started;
  const shape = { ...size, maxOpen: problem.maxOpen, columns: model.colCost.length, rows: model.rowLower.length, binaries: size.candidates, strongLinks };
  started = performance.now();
  let h;
  try {
    h = solveWith(await loadHighs(), model, { mipRelGap: 0, timeLimitS: HIGHS_LIMIT_S });
  } catch (err) {
    const ms = performance.now() - started;
    log(`  HiGHS aborted after ${round(ms / 1000, 1)} s: ${(err as Error).message}`);
    return { size: shape, highs: { status: `aborted after ${round(ms)} ms (${(err as Error).message})` } };
  }
  const highsMs = performance.now() - started;
  if (h.status !== 'optimal') {
    log(`  HiGHS: not optimal within ${HIGHS_LIMIT_S} s (${h.status === 'other' ? h.statusName : h.status})`);
    return { size: shape, highs: { status: `not optimal within ${HIGHS_LIMIT_S} s`, ms: round(highsMs) } };
  }
  const opened = Array.from(h.x.subarray(0, size.candidates)).filter((v) => v > 0.5).length;
  log(`  HiGHS: optimal ${round(h.objective, 3)} (${opened} open) in ${round(highsMs / 1000, 1)} s (model built in ${round(buildMs)} ms)`);

  started = performance.now();
  const g = glpk.solve(toGlpkModel(glpk, model, 'layout'), { msglev: glpk.GLP_MSG_OFF, presol: true, mipgap: 0, tmlim: GLPK_LIMIT_S });
  const glpkMs = performance.now() - started;
  const glpkOptimal = g.result.status === glpk.GLP_OPT;
  log(`  GLPK: status ${g.result.status}${glpkOptimal ? ` optimal ${round(g.result.z, 3)}` : ''} in ${round(glpkMs / 1000, 1)} s (limit ${GLPK_LIMIT_S} s)`);
  if (glpkOptimal && Math.abs(g.result.z - h.objective) > 1e-6 * Math.max(1, Math.abs(h.objective))) {
    throw new Error(`optima differ: HiGHS ${h.objective}, GLPK ${g.result.z}`);
  }
  return {
    size: shape,
    highs: { status: 'optimal', ms: round(highsMs), solverMs: round(h.solverMs), buildMs: round(buildMs), objective: h.objective, open: opened, mipRelGap: 0 },
    glpk: glpkOptimal
      ? { status: 'optimal', ms: round(glpkMs), objective: g.result.z }
      : { status: `not optimal within ${GLPK_LIMIT_S} s (glpk status ${g.result.status})`, ms: round(glpkMs), limitS: GLPK_LIMIT_S },
    ratioGlpkToHighs: glpkOptimal ? round(glpkMs / highsMs, 2) : null,
    ratioGlpkToHighsAtLeast: glpkOptimal ? null : round((GLPK_LIMIT_S * 1000) / highsMs, 2),
  };
}

/**
 * An instance by the app's method (nearest arcs, src/core/layout/nearest-arcs.ts) to proven
 * optimality: time, rounds and model size; then GLPK on the last round's model (the model whose
 * optimum is the layout's), against HiGHS's time on that same model in the same run.
 */
async function nearestArcsAt(glpk: Glpk, size: { candidates: number; demands: number }, glpkLimitS: number, reference?: number) {
  const problem = layoutBenchInstance(size);
  log(`layout on the nearest arcs: ${size.candidates} candidates × ${size.demands} demand points, maxOpen ${problem.maxOpen}`);
  const started = performance.now();
  const r = solveNearestArcs(await loadHighs(), cflData(problem), {
    onRound: (p) => log(`  round ${p.round}: ${p.arcs} arcs, bound ${round(p.bound, 3)}, ${p.overflowPoints} points beyond their arcs (${round(p.ms / 1000, 1)} s)`),
  });
  const ms = performance.now() - started;
  const last = r.rounds.at(-1) as NearestArcsRound;
  const objective = last.bound;
  if (reference !== undefined && Math.abs(objective - reference) > 1e-6 * Math.max(1, Math.abs(reference))) throw new Error(`optima differ: nearest arcs ${objective}, monolithic ${reference}`);
  log(`  optimal ${round(objective, 3)} in ${round(ms / 1000, 1)} s, ${r.rounds.length} rounds`);
  const model = { columns: r.lastModel.colCost.length, rows: r.lastModel.rowLower.length, binaries: size.candidates };
  const glpkStarted = performance.now();
  const g = glpk.solve(toGlpkModel(glpk, r.lastModel, 'layout-last-round'), { msglev: glpk.GLP_MSG_OFF, presol: true, mipgap: 0, tmlim: glpkLimitS });
  const glpkMs = performance.now() - glpkStarted;
  const glpkOptimal = g.result.status === glpk.GLP_OPT;
  log(`  GLPK on the last round's model: status ${g.result.status}${glpkOptimal ? ` optimal ${round(g.result.z, 3)}` : ''} in ${round(glpkMs / 1000, 1)} s (limit ${glpkLimitS} s)`);
  if (glpkOptimal && Math.abs(g.result.z - objective) > 1e-6 * Math.max(1, Math.abs(objective))) throw new Error(`optima differ: HiGHS ${objective}, GLPK ${g.result.z}`);
  return {
    size: { ...size, maxOpen: problem.maxOpen, pairs: size.candidates * size.demands },
    status: 'optimal',
    objective,
    ms: round(ms),
    rounds: r.rounds,
    open: Array.from(r.x.subarray(0, size.candidates)).filter((v) => v > 0.5).length,
    lastModel: model,
    glpkOnLastModel: glpkOptimal ? { status: 'optimal', ms: round(glpkMs), objective: g.result.z } : { status: `not optimal within ${glpkLimitS} s (glpk status ${g.result.status})`, ms: round(glpkMs), limitS: glpkLimitS },
    ratioGlpkToHighsLastModel: glpkOptimal ? round(glpkMs / last.ms, 2) : null,
    ratioGlpkToHighsLastModelAtLeast: glpkOptimal ? null : round((glpkLimitS * 1000) / last.ms, 2),
  };
}

/**
 * The monolithic MILP (all pairs, strong links) against GLPK at 100 × 500, the largest size both
 * finish, and the app's nearest-arcs method at that size (same optimum); then 300 × 2,000 by the
 * nearest arcs (the monolithic HiGHS model aborts there) with GLPK on its last round's model.
 */
export async function runLayoutBench(quick = false): Promise<string> {
  const glpk = await GLPK();
  const monolithic = await compareAt(glpk, QUICK);
  const reference = 'objective' in monolithic.highs ? monolithic.highs.objective : undefined;
  const nearestQuick = await nearestArcsAt(glpk, QUICK, GLPK_LIMIT_S, reference);
  const nearestFull = quick ? null : await nearestArcsAt(glpk, FULL, GLPK_FULL_LIMIT_S);
  return writeResult('layout', { monolithic, nearestArcs: { quick: nearestQuick, full: nearestFull } });
}
