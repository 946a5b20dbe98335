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
    return { scale, openMs, firstAfterOpenMs: coldMs, snapshotPlusKpisMs: byFilter, depotDetailMs: detail, trend90DaysGuangdongMs: trend, instructionsMs: instructions, provinceAggregatesMs: baseline, ratioToProvinceAggregates: round(all.median / baseline.median, 2) };
  } finally {
    replica.close();
  }
}

export function runSituationBench(scales: SeedScale[]): string {
  const { key } = ensureKeyFile(join(WORK_DIR, 'bench.key'));
  log('situation snapshot + KPIs');
  return writeResult('situation', scales.map((scale) => measure(scale, key)).filter((r) => r !== null));
}
