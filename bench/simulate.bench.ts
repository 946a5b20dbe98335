import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadCostModel } from '../src/core/costs/cost-model';
import { loadNorms, solveDispatch } from '../src/core/dispatch';
import { scenarioProblem } from '../src/core/dispatch/recommend';
import { createDispatchQueries } from '../src/core/replica/dispatch-queries';
import { ensureKeyFile } from '../src/core/replica/key-file';
import { openReplica } from '../src/core/replica/replica';
import { DEFAULT_AS_OF, DEFAULT_SEED } from '../src/core/seed/defaults';
import { seedInto } from '../src/core/seed/seed-replica';
import { parseSimulationScenario, scenarioNeeds, simulate, simulationSupplyFromReplica, type SimulationResult } from '../src/core/simulate';
import { round } from './lib/measure';
import { WORK_DIR, writeResult } from './lib/results';

/**
 * Scenario simulation (src/core/simulate) over the national replica (6,000 depots): a 14-day
 * Yangtze flood in Hunan, Hubei and Jiangxi (450,000 people to supply, staggered onsets)
 * against 3 plans (the affected provinces' own depots; them and their neighbours with 5,000 t
 * a day of transport and 5-day replenishment; every region, below floor allowed). Timed: reading
 * the regions' stock from the encrypted replica, and the simulation (every plan's LP, all
 * objectives). Baseline of the same run: one dispatch solve (core/dispatch) of the same people
 * for the same 14 days over every depot's whole supply above floor, as the app's recommendation
 * solves it. Uses the replica bench's national replica in bench/tmp, seeding it (minutes) when
 * absent; INRS_BENCH_SIMULATE_REPLICA / INRS_BENCH_SIMULATE_KEY point it at another replica.
 */
const log = (line: string) => process.stderr.write(`${line}\n`);
const RUNS = 3;

const AFFECTED = [
  { region: '430000', population: 250_000, onsetDay: 0, durationDays: 14 },
  { region: '420000', population: 120_000, onsetDay: 2, durationDays: 10 },
  { region: '360000', population: 80_000, onsetDay: 4, durationDays: 7 },
];
const SCENARIO = parseSimulationScenario({
  title: 'Yangtze flood, 14 days',
  days: 14,
  affected: AFFECTED,
  plans: [
    { id: 'affected-own', sourceRegions: ['430000', '420000', '360000'], dailyTransportTonnes: null, replenishLeadDays: null, belowFloor: false },
    {
      id: 'neighbours-5000t',
      sourceRegions: ['430000', '420000', '360000', '440000', '450000', '500000', '520000', '410000', '340000', '350000', '330000'],
      dailyTransportTonnes: 5000,
      replenishLeadDays: 5,
      belowFloor: false,
    },
    { id: 'all-below-floor', sourceRegions: 'all', dailyTransportTonnes: null, replenishLeadDays: null, belowFloor: true },
  ],
});

function nationalReplica(): { file: string; key: Buffer; scale: string } {
  if (process.env.INRS_BENCH_SIMULATE_REPLICA) {
    const { key } = ensureKeyFile(process.env.INRS_BENCH_SIMULATE_KEY ?? '');
    return { file: process.env.INRS_BENCH_SIMULATE_REPLICA, key, scale: 'given' };
  }
  mkdirSync(WORK_DIR, { recursive: true });
  const { key } = ensureKeyFile(join(WORK_DIR, 'bench.key'));
  const file = join(WORK_DIR, 'national-encrypted.db');
  if (!existsSync(file)) {
    log('  seeding the national replica (minutes; kept in bench/tmp for later runs)…');
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}.partial${suffix}`, { force: true });
    const replica = openReplica(`${file}.partial`, key, { create: true });
    seedInto(replica, { seed: DEFAULT_SEED, asOf: DEFAULT_AS_OF, scale: 'national' });
    replica.close();
    renameSync(`${file}.partial`, file);
  }
  return { file, key, scale: 'national' };
}

const median = (xs: number[]) => round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN);

export async function runSimulateBench(): Promise<string> {
  const { file, key, scale } = nationalReplica();
  const norms = loadNorms();
  const costs = loadCostModel();
  const replica = openReplica(file, key, { readonly: true });
  const readMs: number[] = [];
  let supply;
  let dispatchSupply;
  try {
    const depots = (replica.db.prepare('SELECT count(*) AS n FROM depots').get() as { n: number }).n;
    log(`simulate: ${scale} replica, ${depots} depots; ${SCENARIO.days} days, ${SCENARIO.plans.length} plans, ${RUNS} runs`);
    for (let k = 0; k < RUNS; k++) {
      const started = performance.now();
      supply = simulationSupplyFromReplica(replica.db, SCENARIO, norms);
      readMs.push(performance.now() - started);
    }
    dispatchSupply = createDispatchQueries(replica.db).supply(scenarioNeeds(SCENARIO, norms).map((n) => n.category));
  } finally {
    replica.close();
  }
  if (!supply || !dispatchSupply) throw new Error('no supply read');

  // Baseline: the dispatch recommendation's solve for the same people and days.
  const dispatchScenario = {
    regions: AFFECTED.map((a) => a.region),
    population: Object.fromEntries(AFFECTED.map((a) => [a.region, a.population])),
    durationDays: SCENARIO.days,
    coldSeason: false,
  };
  const { problem } = scenarioProblem(dispatchScenario, dispatchSupply, norms);
  const dispatchMs: number[] = [];
  const simulateMs: number[] = [];
  // One unmeasured run of each first: module loading and JIT warm-up are not part of a solve.
  await solveDispatch(problem);
  let result: SimulationResult | null = await simulate(SCENARIO, supply, norms, costs);
  for (let k = 0; k < RUNS; k++) {
    let started = performance.now();
    await solveDispatch(problem);
    dispatchMs.push(performance.now() - started);
    started = performance.now();
    result = await simulate(SCENARIO, supply, norms, costs);
    simulateMs.push(performance.now() - started);
    log(`  run ${k + 1}: dispatch ${round(dispatchMs.at(-1) ?? NaN)} ms, simulate ${round(simulateMs.at(-1) ?? NaN)} ms`);
  }
  if (!result) throw new Error('no simulation ran');
  const figures = {
    scale,
    days: SCENARIO.days,
    affected: AFFECTED,
    regionsHolding: supply.regions.length,
    readSupplyMs: median(readMs),
    simulateMs: median(simulateMs),
    dispatchSolveMs: median(dispatchMs),
    ratioSimulateToDispatchSolve: round(median(simulateMs) / median(dispatchMs), 3),
    dispatchProblem: { depots: problem.depots.length, demandPoints: problem.demands.length, categories: new Set(problem.demands.flatMap((d) => Object.keys(d.demand))).size },
    plans: result.plans.map((p, k) => ({ id: p.id, ...result.model.plans[k], summary: p.summary })),
    runs: RUNS,
  };
  return writeResult('simulate', figures);
}
