import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createForecastQueries } from '../src/core/forecast/forecast-queries';
import { createKeyFile } from '../src/core/replica/key-file';
import { openReplica } from '../src/core/replica/replica';
import { createSituationQueries } from '../src/core/replica/situation';
import { seedInto } from '../src/core/seed/seed-replica';
import { situationFilterSchema } from '../src/shared/contract/situation-schemas';
import { round } from './lib/measure';
import { writeResult } from './lib/results';

/**
 * The forecast of every province × category of a freshly seeded demo replica (series from the log,
 * MSTL/AutoETS fits, outliers and changepoints), against the whole country's situation snapshot on
 * the same connection in the same run. Fresh queries each run, so nothing comes from a result cache.
 */
const log = (line: string) => process.stderr.write(`${line}\n`);
const ALL = situationFilterSchema.parse({});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export function runForecastBench(runs = 3): string {
  const dir = mkdtempSync(join(tmpdir(), 'inrs-forecast-bench-'));
  const replica = openReplica(join(dir, 'demo.db'), createKeyFile(join(dir, 'demo.key')), { create: true });
  try {
    log('forecast: seeding a demo replica…');
    seedInto(replica, { scale: 'demo', seed: 20250630, asOf: '2025-06-30T12:00:00Z' });
    log('forecast of every province × category against the situation snapshot (same connection, same run)');
    const provinces = replica.db.prepare<[], { adcode: string }>("SELECT adcode FROM regions WHERE level = 'province'").all();
    const baseline: number[] = [];
    const forecast: number[] = [];
    let reserves = 0;
    let atRisk = 0;
    for (let i = 0; i < runs; i++) {
      let started = performance.now();
      createSituationQueries(replica.db).snapshot(ALL);
      baseline.push(performance.now() - started);
      started = performance.now();
      const q = createForecastQueries(replica.db);
      atRisk = q.risk().reserves.length;
      forecast.push(performance.now() - started);
      reserves = provinces.reduce((n, p) => n + q.region(p.adcode).reserves.length, 0);
      log(`  run ${i + 1}: situation ${Math.round(baseline.at(-1) ?? 0)} ms, forecast of ${reserves} reserves ${Math.round(forecast.at(-1) ?? 0)} ms`);
    }
    // One province's log moves (what an applied batch does): only it is fitted again.
    const q = createForecastQueries(replica.db);
    q.risk();
    const refresh: number[] = [];
    for (let i = 0; i < runs; i++) {
      replica.db.prepare('UPDATE region_heads SET last_seq = last_seq + 1 WHERE region = ?').run('430000');
      const started = performance.now();
      q.risk();
      refresh.push(performance.now() - started);
    }
    const b = median(baseline);
    const f = median(forecast);
    return writeResult('forecast', [
      { scale: 'demo', runs, reserves, atRisk, situationSnapshotMs: round(b), forecastAllMs: round(f), oneProvinceMovedMs: round(median(refresh)), msPerReserve: round(f / Math.max(1, reserves), 2), ratioToSituationSnapshot: round(f / b) },
    ]);
  } finally {
    replica.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
