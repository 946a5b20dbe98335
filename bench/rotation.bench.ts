import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadCostModel } from '../src/core/costs/cost-model';
import { ensureKeyFile } from '../src/core/replica/key-file';
import { openReplica } from '../src/core/replica/replica';
import { planRotations, rotationInputFromReplica } from '../src/core/rotation';
import { DEFAULT_AS_OF, DEFAULT_SEED } from '../src/core/seed/defaults';
import { seedInto } from '../src/core/seed/seed-replica';
import { round } from './lib/measure';
import { WORK_DIR, writeResult } from './lib/results';

/**
 * The rotation plan (src/core/rotation) over the demo replica's lots for 12 months: time to
 * read the planner's input from the encrypted replica (the baseline of the same run), time to
 * build and solve the MILP to gap 0 with HiGHS, and the model's size. Uses the replica bench's
 * demo replica in bench/tmp, seeding it (and keeping it) when absent.
 */
const log = (line: string) => process.stderr.write(`${line}\n`);
const MONTHS = 12;

function demoReplica(key: Buffer): string {
  const file = join(WORK_DIR, 'demo-encrypted.db');
  if (!existsSync(file)) {
    log('  seeding the demo replica (kept in bench/tmp for later runs)…');
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}.partial${suffix}`, { force: true });
    const replica = openReplica(`${file}.partial`, key, { create: true });
    seedInto(replica, { seed: DEFAULT_SEED, asOf: DEFAULT_AS_OF, scale: 'demo' });
    replica.close();
    renameSync(`${file}.partial`, file);
  }
  return file;
}

export async function runRotationBench(): Promise<string> {
  const { key } = ensureKeyFile(join(WORK_DIR, 'bench.key'));
  const file = demoReplica(key);
  const costs = loadCostModel();
  const replica = openReplica(file, key, { readonly: true });
  let started = performance.now();
  let input;
  try {
    input = rotationInputFromReplica(replica.db, { months: MONTHS, costs });
  } finally {
    replica.close();
  }
  const readMs = performance.now() - started;
  started = performance.now();
  const plan = await planRotations(input);
  const planMs = performance.now() - started;
  log(
    `rotation: demo, ${MONTHS} months from ${input.firstMonth}: ${input.lots.length} holdings due, ${plan.rotations.length} rotated, ${plan.unplanned.length} unplanned; ` +
      `model ${plan.model.columns} columns (${plan.model.binaries} binary) × ${plan.model.rows} rows; read ${round(readMs)} ms, plan ${round(planMs)} ms (HiGHS ${plan.model.solverMs} ms)`,
  );
  return writeResult('rotation', {
    scale: 'demo',
    months: MONTHS,
    firstMonth: input.firstMonth,
    depotClasses: input.depotClasses.length,
    holdingsDue: input.lots.length,
    rotations: plan.rotations.length,
    unplanned: plan.unplanned.length,
    model: plan.model,
    readInputMs: round(readMs),
    planMs: round(planMs),
    ratioPlanToRead: round(planMs / readMs, 2),
  });
}
