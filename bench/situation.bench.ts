import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureKeyFile } from '../src/core/replica/key-file';
import { openReplica } from '../src/core/replica/replica';
import { createSituationQueries } from '../src/core/replica/situation';
import type { SeedScale } from '../src/core/seed';
import { situationFilterSchema } from '../src/shared/contract/situation-schemas';
import { round, timeRuns } from './lib/measure';
import { WORK_DIR, writeResult } from './lib/results';

/**
 * The situation picture (snapshot + KPIs, what a wall asks for on every filter change or
 * replica change) on the replica bench's seeded replicas, against the province aggregates of
 * `replica:provinces` on the same connection in the same run. Each run builds a fresh query
 * set, so nothing is served from the per-version result cache.
 */
const log = (line: string) => process.stderr.write(`${line}\n`);
const FILTERS = {
  all: situationFilterSchema.parse({}),
  grain: situationFilterSchema.parse({ classes: ['grain'] }),
  hunan: situationFilterSchema.parse({ regions: ['430000'] }),
};

function measure(scale: SeedScale, key: Buffer) {
  const file = join(WORK_DIR, `${scale}-encrypted.db`);
  if (!existsSync(file)) {
    log(`  ${scale}: no seeded replica in bench/tmp (run the replica bench first); skipped`);
    return null;
  }
  const started = performance.now();
  const replica = openReplica(file, key); // read-write: applies pending migrations (indexes) once
  const openMs = round(performance.now() - started);
  try {
    const first = performance.now();
    const q = createSituationQueries(replica.db);
    q.snapshot(FILTERS.all);
    q.kpis(FILTERS.all);
    const coldMs = round(performance.now() - first);
    const byFilter = Object.fromEntries(
      Object.entries(FILTERS).map(([name, filter]) => [
        name,
        timeRuns(7, () => {
          const fresh = createSituationQueries(replica.db);
          fresh.snapshot(filter);
          fresh.kpis(filter);
        }),
      ]),
    );
    const baseline = timeRuns(7, () => replica.queries.provinces());
    const detail = timeRuns(7, () => q.depotDetail(q.snapshot(FILTERS.all).depots[0]?.code ?? ''));
    const trend = timeRuns(5, () => q.trend('440000', FILTERS.all, 90));
    const instructions = timeRuns(7, () => q.instructions(FILTERS.all, 50));
    const all = byFilter.all ?? baseline;
    log(`  ${scale}: snapshot+kpis median ${all.median} ms (first after open ${coldMs} ms), province aggregates ${baseline.median} ms`);
    replica.close();
    const reopened = firstAfterReopen(file, key);
    log(`  ${scale}: first after reopening ${reopened.storedAnswersMs} ms with the stored under-floor answers, ${reopened.withoutStoredAnswersMs} ms without`);
    return { scale, openMs, firstAfterOpenMs: coldMs, firstAfterReopen: reopened, snapshotPlusKpisMs: byFilter, depotDetailMs: detail, trend90DaysGuangdongMs: trend, instructionsMs: instructions, provinceAggregatesMs: baseline, ratioToProvinceAggregates: round(all.median / baseline.median, 2) };
  } finally {
    if (replica.db.open) replica.close();
  }
}

/** Snapshot + KPIs on a fresh connection (its page cache empty), in ms. */
function firstCall(file: string, key: Buffer): number {
  const replica = openReplica(file, key);
  try {
    const started = performance.now();
    const q = createSituationQueries(replica.db);
    q.snapshot(FILTERS.all);
    q.kpis(FILTERS.all);
    return round(performance.now() - started);
  } finally {
    replica.close();
  }
}

/**
 * The first call after reopening, in the same run: without the stored under-floor answers (each
 * depot under its floor walks its movements in the log, as every first call did before they were
 * kept; the answers are dropped on a separate connection so the measured one starts cold), then
 * with the answers that call stored, as every later opening finds them.
 */
function firstAfterReopen(file: string, key: Buffer) {
  const drop = openReplica(file, key);
  drop.db.exec('DELETE FROM under_floor_since');
  drop.close();
  const withoutStoredAnswersMs = firstCall(file, key);
  const stored = [firstCall(file, key), firstCall(file, key), firstCall(file, key)].sort((a, b) => a - b);
  const storedAnswersMs = stored[1] as number;
  return { withoutStoredAnswersMs, storedAnswersMs, storedAnswersRuns: stored, ratio: round(storedAnswersMs / withoutStoredAnswersMs, 3) };
}

export function runSituationBench(scales: SeedScale[]): string {
  const { key } = ensureKeyFile(join(WORK_DIR, 'bench.key'));
  log('situation snapshot + KPIs');
  return writeResult('situation', scales.map((scale) => measure(scale, key)).filter((r) => r !== null));
}
