import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createProjector } from '../src/core/projector/projector';
import { ensureKeyFile } from '../src/core/replica/key-file';
import { migrate } from '../src/core/replica/migrate';
import { REPLICA_MIGRATIONS } from '../src/core/replica/migrations';
import { createReplicaQueries } from '../src/core/replica/queries';
import { openReplica, type Replica } from '../src/core/replica/replica';
import type { SeedScale } from '../src/core/seed';
import { DEFAULT_AS_OF, DEFAULT_SEED } from '../src/core/seed/defaults';
import { seedInto } from '../src/core/seed/seed-replica';
import { round, timeRuns } from './lib/measure';
import { WORK_DIR, writeResult } from './lib/results';

/**
 * Replica benchmarks: seeding into the encrypted replica against the same library writing the
 * same rows through the same projector without encryption, and open + province-aggregate
 * time at demo and national scale, each against an unencrypted copy in the same run.
 */
const SEED = { seed: DEFAULT_SEED, asOf: DEFAULT_AS_OF };
const log = (line: string) => process.stderr.write(`${line}\n`);

function plaintextReplica(file: string): Replica {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  migrate(db, REPLICA_MIGRATIONS, file, false);
  return { file, db, projector: createProjector(db), queries: createReplicaQueries(db), close: () => db.close() };
}

function fresh(file: string): string {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  return file;
}

function seedThroughput(scale: SeedScale, key: Buffer) {
  const encrypted = openReplica(fresh(join(WORK_DIR, `seed-${scale}-encrypted.db`)), key, { create: true });
  const enc = seedInto(encrypted, { ...SEED, scale });
  encrypted.close();
  log(`  encrypted: ${enc.events} events in ${enc.millis} ms`);
  const plain = plaintextReplica(fresh(join(WORK_DIR, `seed-${scale}-plain.db`)));
  const pla = seedInto(plain, { ...SEED, scale });
  plain.close();
  log(`  plaintext: ${pla.events} events in ${pla.millis} ms`);
  const rate = (r: { events: number; millis: number }) => Math.round(r.events / (r.millis / 1000));
  return {
    scale,
    events: enc.events,
    encryptedEventsPerSecond: rate(enc),
    plaintextEventsPerSecond: rate(pla),
    ratioEncryptedToPlaintext: round(rate(enc) / rate(pla), 3),
  };
}

/** A seeded replica kept between runs (national takes minutes to seed), plus its plaintext copy. */
function seededPair(scale: SeedScale, key: Buffer): { encrypted: string; plain: string } {
  const encrypted = join(WORK_DIR, `${scale}-encrypted.db`);
  const plain = join(WORK_DIR, `${scale}-plain.db`);
  if (!existsSync(encrypted)) {
    log(`  seeding the ${scale} replica (kept in bench/tmp for later runs)…`);
    const replica = openReplica(fresh(`${encrypted}.partial`), key, { create: true });
    seedInto(replica, { ...SEED, scale, onProgress: (done, total) => void log(`    ${done}/${total}`) });
    replica.close();
    rmSync(plain, { force: true });
    renameSync(`${encrypted}.partial`, encrypted);
  }
  if (!existsSync(plain)) {
    const partial = fresh(`${plain}.partial`);
    plaintextReplica(partial).close();
    const replica = openReplica(encrypted, key);
    replica.db.prepare('ATTACH DATABASE ? AS plain KEY ?').run(partial, '');
    const tables = replica.db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    replica.db.transaction(() => {
      for (const table of tables) replica.db.exec(`INSERT INTO plain."${table}" SELECT * FROM main."${table}"`);
    })();
    replica.db.exec('DETACH DATABASE plain');
    renameSync(partial, plain);
    replica.close();
  }
  return { encrypted, plain };
}

function openAndAggregate(scale: SeedScale, key: Buffer) {
  const { encrypted, plain } = seededPair(scale, key);
  const runs = 7;
  const measure = (open: () => Replica) =>
    timeRuns(runs, () => {
      const replica = open();
      replica.queries.provinces();
      replica.close();
    });
  const enc = measure(() => openReplica(encrypted, key, { readonly: true }));
  const pla = measure(() => {
    const db = new Database(plain, { readonly: true });
    return { file: plain, db, projector: createProjector(db), queries: createReplicaQueries(db), close: () => db.close() };
  });
  const replica = openReplica(encrypted, key, { readonly: true });
  const stats = replica.queries.stats();
  replica.close();
  log(`  ${scale}: encrypted median ${enc.median} ms, plaintext median ${pla.median} ms`);
  return {
    scale,
    depots: stats.depots,
    lots: stats.lots,
    events: stats.events,
    encryptedMs: enc,
    plaintextMs: pla,
    ratioEncryptedToPlaintext: round(enc.median / pla.median, 3),
  };
}

export function runReplicaBench(scales: SeedScale[]): string {
  mkdirSync(WORK_DIR, { recursive: true });
  const { key } = ensureKeyFile(join(WORK_DIR, 'bench.key'));
  log('seed throughput (demo scale): encrypted vs plaintext');
  const seeding = seedThroughput(process.env.INRS_BENCH_SEED_SCALE === 'tiny' ? 'tiny' : 'demo', key);
  const openQuery = scales.map((scale) => {
    log(`open + province aggregates (${scale})`);
    return openAndAggregate(scale, key);
  });
  return writeResult('replica', { seeding, openAndProvinceAggregates: openQuery });
}
