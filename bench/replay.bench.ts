import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureKeyFile } from '../src/core/replica/key-file';
import { openReplica } from '../src/core/replica/replica';
import { createSituationQueries } from '../src/core/replica/situation';
import { createReplayQueries } from '../src/core/replay/replay-queries';
import { situationFilterSchema } from '../src/shared/contract/situation-schemas';
import { round, timeRuns } from './lib/measure';
import { WORK_DIR, writeResult } from './lib/results';

/**
 * The time slider on the replica bench's national replica (demo when national is absent): the
 * replay index build (once, on a scratch copy so the bench replica stays as it is), then seeks
 * (snapshot + KPIs at a moment not seen before) to random moments of the last 30 days, against
 * the live situation query (snapshot + KPIs, fresh query set) on the same connection in the same run.
 */
const log = (line: string) => process.stderr.write(`${line}\n`);
const SEEKS = 40;
const DAY = 86_400_000;
const ALL = situationFilterSchema.parse({});

function source(): { file: string; scale: string } | null {
  for (const scale of ['national', 'demo']) {
    const file = join(WORK_DIR, `${scale}-encrypted.db`);
    if (existsSync(file)) return { file, scale };
  }
  return null;
}

export function runReplayBench(): string {
  const { key } = ensureKeyFile(join(WORK_DIR, 'bench.key'));
  const from = source();
  if (!from) {
    log('  replay: no seeded replica in bench/tmp (run the replica bench first); skipped');
    return writeResult('replay', null);
  }
  const scratch = join(WORK_DIR, `replay-${from.scale}.db`);
  log(`replay (${from.scale}): copying the replica to a scratch file…`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(scratch + suffix, { force: true });
  copyFileSync(from.file, scratch);
  try {
    const migrateStarted = performance.now();
    const replica = openReplica(scratch, key); // applies the replay index migration (tables, one partial index on lots)
    const migrateMs = round(performance.now() - migrateStarted);
    try {
      const replay = createReplayQueries(replica.db);
      const buildStarted = performance.now();
      let progress = replay.build(100_000);
      while (!progress.complete) {
        progress = replay.build(100_000);
        if (progress.indexed % 1_000_000 < 100_000) log(`  indexed ${progress.indexed} of ${progress.total} events`);
      }
      const buildMs = round(performance.now() - buildStarted);
      const range = replay.range();
      const to = Date.parse(range.to ?? '');
      log(`  index built in ${(buildMs / 1000).toFixed(1)} s; seeking ${SEEKS} random moments of the last 30 days`);

      // Distinct random moments: every seek misses the per-moment cache.
      let state = 20261129;
      const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const moments = Array.from({ length: SEEKS }, () => new Date(to - Math.floor(random() * 30 * DAY)).toISOString());
      let i = 0;
      const seek = timeRuns(SEEKS, () => {
        const at = moments[i++] ?? moments[0] ?? '';
        replay.snapshot(at, ALL);
        replay.kpis(at, ALL);
      });
      const cached = timeRuns(7, () => {
        replay.snapshot(moments[0] ?? '', ALL);
        replay.kpis(moments[0] ?? '', ALL);
      });
      let j = 0;
      const grain = situationFilterSchema.parse({ classes: ['grain'] });
      const filterAtMoment = timeRuns(7, () => {
        const at = moments[j++] ?? '';
        replay.snapshot(at, grain);
        replay.kpis(at, grain);
      });
      const deep = new Date(to - 365 * DAY).toISOString();
      const yearBack = timeRuns(3, () => {
        replay.snapshot(deep, ALL);
        replay.kpis(deep, ALL);
      });
      const baseline = timeRuns(7, () => {
        const fresh = createSituationQueries(replica.db);
        fresh.snapshot(ALL);
        fresh.kpis(ALL);
      });
      const counts = replica.db.prepare<[], { moves: number }>('SELECT count(*) AS moves FROM replay_moves').get();
      log(`  seek p50 ${seek.median} ms, p95 ${seek.p95} ms; live situation ${baseline.median} ms`);
      return writeResult('replay', {
        scale: from.scale,
        events: progress.total,
        movesIndexed: counts?.moves ?? 0,
        migrateMs,
        indexBuildMs: buildMs,
        indexBuildEventsPerSecond: Math.round(progress.total / (buildMs / 1000)),
        seekLast30DaysMs: seek,
        seekSameMomentCachedMs: cached,
        seekGrainFilterMs: filterAtMoment,
        seekOneYearBackMs: yearBack,
        liveSituationMs: baseline,
        ratioSeekToLive: round(seek.median / baseline.median, 2),
      });
    } finally {
      replica.close();
    }
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(scratch + suffix, { force: true });
  }
}
