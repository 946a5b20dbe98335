import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureKeyFile } from '../src/core/replica/key-file';
import { openReplica } from '../src/core/replica/replica';
import { ReplicaClient } from '../src/core/replica/replica-client';
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

/**
 * Through the replica worker, as the app asks: snapshot + KPIs sent the moment the worker is
 * ready (it computes the picture itself or waits for the warm-up the worker starts at open), and
 * on a second opening once the warm-up has run, as when a window asks a moment later.
 */
async function throughWorker(file: string, key: Buffer) {
  const ask = async (client: ReplicaClient) => {
    const started = performance.now();
    await Promise.all([client.call('situationSnapshot', [FILTERS.all]), client.call('situationKpis', [FILTERS.all])]);
    return round(performance.now() - started);
  };
  let started = performance.now();
  let client = await ReplicaClient.open({ file, key });
  const readyMs = round(performance.now() - started);
  const atReadyMs = await ask(client);
  await client.close();
  started = performance.now();
  client = await ReplicaClient.open({ file, key });
  // Two cheap calls one after the other: the worker may take the first before the warm-up it
  // starts at open, never the second.
  await client.call('categories', []);
  await client.call('categories', []);
  const warmUpMs = round(performance.now() - started);
  const afterWarmUpMs = await ask(client);
  // The same call again, served from the worker's cache for this data version: the floor of any call.
  const repeats = [await ask(client), await ask(client), await ask(client)].sort((a, b) => a - b);
  await client.close();
  return { readyMs, firstCallAtReadyMs: atReadyMs, openToWarmMs: warmUpMs, firstCallAfterWarmUpMs: afterWarmUpMs, cachedCallMs: repeats[1] as number };
}

export async function runSituationBench(scales: SeedScale[]): Promise<string> {
  const { key } = ensureKeyFile(join(WORK_DIR, 'bench.key'));
  log('situation snapshot + KPIs');
  const figures = [];
  for (const scale of scales) {
    const direct = measure(scale, key);
    if (!direct) continue;
    // Three rounds of openings; each figure is the median of its three.
    const rounds: Awaited<ReturnType<typeof throughWorker>>[] = [];
    for (let r = 0; r < 3; r++) rounds.push(await throughWorker(join(WORK_DIR, `${scale}-encrypted.db`), key));
    const mid = (pick: (x: (typeof rounds)[number]) => number) => rounds.map(pick).sort((a, b) => a - b)[1] as number;
    const worker = {
      readyMs: mid((x) => x.readyMs),
      firstCallAtReadyMs: mid((x) => x.firstCallAtReadyMs),
      openToWarmMs: mid((x) => x.openToWarmMs),
      firstCallAfterWarmUpMs: mid((x) => x.firstCallAfterWarmUpMs),
      cachedCallMs: mid((x) => x.cachedCallMs),
      rounds,
    };
    log(`  ${scale}, through the worker: first call at ready ${worker.firstCallAtReadyMs} ms, after the warm-up ${worker.firstCallAfterWarmUpMs} ms (open to warm ${worker.openToWarmMs} ms), cached ${worker.cachedCallMs} ms`);
    figures.push({ ...direct, throughWorker: worker });
  }
  return writeResult('situation', figures);
}
