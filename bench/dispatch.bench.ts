import { loadavg } from 'node:os';
import GLPK from 'glpk.js/node';
import type { Highs } from 'highs';
import { parseDispatchProblem, solveDispatch, type DispatchProblem } from '../src/core/dispatch';
import { highsRuntime } from '../src/core/optim/highs';
import { categoryBlocks, hoursMatrix, type CategoryBlock } from '../src/core/dispatch/model';
import { PRICING_DEFAULTS, solveBlockPriced } from '../src/core/dispatch/priced';
import { HIGHS_OPTIONS, buildModel } from '../src/core/dispatch/solve';
import { loadPrefectures } from '../src/core/seed';
import { round } from './lib/measure';
import { writeResult } from './lib/results';

/**
 * The dispatch LP (src/core/dispatch) at 500 depots × 300 demand points × 10 categories
 * (1.5M flow variables), solved as the app does (HiGHS, WebAssembly, package `highs`, by column
 * generation per category), against the full model per category in HiGHS (the path before
 * column generation) and the full model in GLPK (glpk.js, WebAssembly), in the same run. Every
 * timing covers building the model in the solver's input form, solving and reading the
 * solution; the solvers' own clocks on the full models are reported beside them. The optima
 * must agree (1e-6 relative) or the bench fails.
 *
 * GLPK gets a time limit per category; if it cannot finish the full size within it, both are
 * run at the largest size GLPK finishes (and HiGHS alone at the full size), and the figures say so.
 */
const log = (line: string) => process.stderr.write(`${line}\n`);
const CATEGORIES = 10;
const FULL = { depots: 500, demands: 300 };
const FALLBACK_SIZES = [
  { depots: 250, demands: 150 },
  { depots: 100, demands: 60 },
];
const RUNS = 3;
/** GLPK's limit per category model (seconds): the full size should take a few minutes at most. */
const GLPK_LIMIT_S = 60;

const median = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  return round(s[Math.floor(s.length / 2)] ?? NaN);
};

/** Deterministic instance: points near real prefecture cities, a few categories short of demand. */
export function instance(size: { depots: number; demands: number }, seed = 20260601): DispatchProblem {
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
  const cats = Array.from({ length: CATEGORIES }, (_, k) => `C${String(k).padStart(2, '0')}`);
  const depots = Array.from({ length: size.depots }, (_, i) => ({
    id: `D${i}`,
    ...near(),
    supply: Object.fromEntries(cats.map((c) => [c, rnd() < 0.2 ? 0 : Math.round(rnd() * 1000)])),
  }));
  // A depot holds 400 of a category on average (0 for one in five, else uniform 0…1000). Total
  // demand is 0.6 × total supply, except for the last two categories (1.2 ×: shortfalls).
  const totalSupply = 400 * size.depots;
  const demandMax = (k: number) => (2 * (k >= CATEGORIES - 2 ? 1.2 : 0.6) * totalSupply) / size.demands;
  const demands = Array.from({ length: size.demands }, (_, j) => ({
    id: `P${j}`,
    ...near(),
    demand: Object.fromEntries(cats.map((c, k) => [c, Math.round(rnd() * demandMax(k))])),
  }));
  return parseDispatchProblem({ depots, demands });
}

interface Timed {
  ms: number;
  solverMs: number;
  objective: number;
}

/** HiGHS per category with given options, timing the solver's own run separately. */
function highsTimed(highs: Highs, problem: DispatchProblem, options: Record<string, string | number | boolean>): Timed {
  const started = performance.now();
  const hours = hoursMatrix(problem);
  let solverMs = 0;
  let objective = 0;
  for (const block of categoryBlocks(problem)) {
    const { data } = buildModel(highs, problem, hours, [block]);
    const model = highs.createModel(data);
    try {
      model.options.set(options);
      const t = performance.now();
      model.run();
      solverMs += performance.now() - t;
      if (model.getModelStatus() !== highs.constants.modelStatus.optimal) throw new Error(`HiGHS: ${block.category} not optimal`);
      objective += model.getObjectiveValue();
      model.getSolution();
    } finally {
      model.dispose();
    }
  }
  return { ms: performance.now() - started, solverMs, objective };
}

/** Column generation's work per category: restricted solves and arcs in the last model (of all arcs). */
function pricingRounds(highs: Highs, problem: DispatchProblem) {
  const hours = hoursMatrix(problem);
  return categoryBlocks(problem).map((block) => {
    const t = performance.now();
    const r = solveBlockPriced(highs, problem, hours, block);
    return { category: block.category, ms: round(performance.now() - t), rounds: r.rounds, arcs: r.arcs, ofArcs: block.depots.length * block.demands.length };
  });
}

type Glpk = Awaited<ReturnType<typeof GLPK>>;

/** GLPK on one category's model (same rows, columns and bounds), in glpk.js's JSON form. */
function glpkBlock(glpk: Glpk, problem: DispatchProblem, hours: Float64Array, b: CategoryBlock) {
  const nDem = problem.demands.length;
  type Term = { name: string; coef: number };
  const objective: Term[] = [];
  const supplyRows = b.depots.map((_, si) => ({ name: `s${si}`, vars: [] as Term[], bnds: { type: glpk.GLP_UP, lb: 0, ub: b.supply[si] as number } }));
  const demandRows = b.demands.map((_, dj) => ({ name: `d${dj}`, vars: [] as Term[], bnds: { type: glpk.GLP_FX, lb: b.demand[dj] as number, ub: b.demand[dj] as number } }));
  b.depots.forEach((i, si) => {
    b.demands.forEach((j, dj) => {
      const name = `x${si}_${dj}`;
      objective.push({ name, coef: hours[i * nDem + j] as number });
      supplyRows[si]?.vars.push({ name, coef: 1 });
      demandRows[dj]?.vars.push({ name, coef: 1 });
    });
  });
  const bounds = b.demands.map((_, dj) => {
    const name = `u${dj}`;
    objective.push({ name, coef: problem.shortagePenalty });
    demandRows[dj]?.vars.push({ name, coef: 1 });
    return { name, type: glpk.GLP_DB, lb: 0, ub: b.demand[dj] as number };
  });
  return glpk.solve(
    { name: b.category, objective: { direction: glpk.GLP_MIN, name: 'cost', vars: objective }, subjectTo: [...supplyRows, ...demandRows], bounds },
    { msglev: glpk.GLP_MSG_OFF, presol: true, tmlim: GLPK_LIMIT_S },
  );
}

function glpkTimed(glpk: Glpk, problem: DispatchProblem): Timed | null {
  const started = performance.now();
  const hours = hoursMatrix(problem);
  let solverMs = 0;
  let objective = 0;
  for (const block of categoryBlocks(problem)) {
    const r = glpkBlock(glpk, problem, hours, block);
    solverMs += r.time * 1000;
    if (r.result.status !== glpk.GLP_OPT) {
      log(`    GLPK: category ${block.category} ended with status ${r.result.status} (not optimal) after ${round(r.time, 1)} s`);
      return null;
    }
    objective += r.result.z;
  }
  return { ms: performance.now() - started, solverMs, objective };
}

const agree = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

async function compareAt(highs: Highs, glpk: Glpk, size: { depots: number; demands: number }) {
  const problem = instance(size);
  const label = `${size.depots} × ${size.demands} × ${CATEGORIES}`;
  log(`  ${label}: GLPK`);
  const first = glpkTimed(glpk, problem);
  if (!first) return null;
  const glpkRuns = [first];
  for (let r = 1; r < RUNS; r++) glpkRuns.push(glpkTimed(glpk, problem) as Timed);
  log(`  ${label}: HiGHS`);
  const appMs: number[] = [];
  let app = null;
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    app = await solveDispatch(problem);
    appMs.push(performance.now() - t);
  }
  const appObjective = app?.objective ?? NaN;
  log(`  ${label}: HiGHS, full model per category (the path before column generation)`);
  const fullMs: number[] = [];
  let fullObjective = NaN;
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    fullObjective = (await solveDispatch(problem, { mode: 'per-category' })).objective;
    fullMs.push(performance.now() - t);
  }
  const pricing = pricingRounds(highs, problem);
  const tuned = Array.from({ length: RUNS }, () => highsTimed(highs, problem, HIGHS_OPTIONS));
  const defaults = highsTimed(highs, problem, { output_flag: false });
  const t = performance.now();
  const combined = await solveDispatch(problem, { mode: 'combined' });
  const combinedMs = performance.now() - t;
  const glpkObjective = first.objective;
  for (const [name, value] of [
    ['solveDispatch (column generation)', appObjective],
    ['solveDispatch, full model per category', fullObjective],
    ['HiGHS per category', tuned[0]?.objective ?? NaN],
    ['HiGHS default options', defaults.objective],
    ['HiGHS combined', combined.objective],
  ] as const) {
    if (!agree(value, glpkObjective)) throw new Error(`${label}: ${name} objective ${value} differs from GLPK's ${glpkObjective}`);
  }
  const highsMs = median(appMs);
  const fullModelMs = median(fullMs);
  const glpkMs = median(glpkRuns.map((g) => g.ms));
  log(`  ${label}: HiGHS ${highsMs} ms (full model ${fullModelMs} ms), GLPK ${glpkMs} ms, ratio ${round(highsMs / glpkMs, 3)}`);
  return {
    size: label,
    variables: problem.depots.length * problem.demands.length * CATEGORIES,
    objective: round(glpkObjective, 3),
    flows: app?.flows.length ?? 0,
    shortfalls: app?.shortfalls.length ?? 0,
    highs: {
      solveDispatchMs: highsMs,
      fullModelSolveDispatchMs: fullModelMs,
      ratioToFullModel: round(highsMs / fullModelMs, 3),
      pricing,
      solverRunMs: median(tuned.map((x) => x.solverMs)),
      perCategoryMs: median(tuned.map((x) => x.ms)),
      defaultOptionsMs: round(defaults.ms),
      defaultOptionsSolverRunMs: round(defaults.solverMs),
      combinedModelMs: round(combinedMs),
    },
    glpk: { ms: glpkMs, solverMs: median(glpkRuns.map((g) => g.solverMs)) },
    ratioHighsToGlpk: round(highsMs / glpkMs, 3),
    ratioSolverClocks: round(median(tuned.map((x) => x.solverMs)) / median(glpkRuns.map((g) => g.solverMs)), 3),
    runs: RUNS,
  };
}

export async function runDispatchBench(quick: boolean): Promise<string> {
  log('dispatch LP: HiGHS against GLPK');
  // The machine is shared: the load around the run says how far its absolute times can be trusted.
  const loadBefore = loadavg().map((x) => round(x, 2));
  const highs = await highsRuntime();
  const glpk = await GLPK();
  const sizes = quick ? FALLBACK_SIZES : [FULL, ...FALLBACK_SIZES];
  let compared = null;
  for (const size of sizes) {
    compared = await compareAt(highs, glpk, size);
    if (compared) break;
    log(`  GLPK did not finish ${size.depots} × ${size.demands} × ${CATEGORIES} within ${GLPK_LIMIT_S} s per category; trying a smaller size`);
  }
  let highsAlone = null;
  if (!quick && compared?.size !== `${FULL.depots} × ${FULL.demands} × ${CATEGORIES}`) {
    const problem = instance(FULL);
    const t = performance.now();
    const s = await solveDispatch(problem);
    highsAlone = { size: `${FULL.depots} × ${FULL.demands} × ${CATEGORIES}`, solveDispatchMs: round(performance.now() - t), objective: round(s.objective, 3) };
    log(`  HiGHS alone at full size: ${highsAlone.solveDispatchMs} ms`);
  }
  return writeResult('dispatch', {
    highsVersion: highs.version.string,
    glpkVersion: glpk.version,
    highsOptions: HIGHS_OPTIONS,
    pricing: PRICING_DEFAULTS,
    quick,
    compared,
    highsAloneAtFullSize: highsAlone,
    loadAverage1_5_15: { before: loadBefore, after: loadavg().map((x) => round(x, 2)) },
  });
}
