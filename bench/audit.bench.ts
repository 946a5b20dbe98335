import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { hash } from 'node:crypto';
import { join } from 'node:path';
import { EVENT_COLUMNS, rowContentText, type EventRow } from '../src/core/audit/event-row';
import { storedRegions, verifyStore } from '../src/core/audit/verify';
import { ensureKeyFile } from '../src/core/replica/key-file';
import { openReplica } from '../src/core/replica/replica';
import type { Db } from '../src/core/replica/open';
import { DEFAULT_AS_OF, DEFAULT_SEED } from '../src/core/seed/defaults';
import { seedInto } from '../src/core/seed/seed-replica';
import { chainLinkText } from '../src/shared/domain/canonical';
import { round } from './lib/measure';
import { WORK_DIR, writeResult } from './lib/results';

/**
 * `inrs audit verify` on the replica bench's seeded replica (national when it has been seeded,
 * else demo): the chain re-derivation alone and the whole audit with the replay of every log,
 * each as events per second against plain SHA-256 over the same bytes (content text and chain
 * link text of every event, the two hashes the audit takes) in the same run.
 */
const log = (line: string) => process.stderr.write(`${line}\n`);
const CHUNK = 100_000;

function replicaFile(key: Buffer): { file: string; scale: string } {
  const national = join(WORK_DIR, 'national-encrypted.db');
  if (existsSync(national)) return { file: national, scale: 'national' };
  const demo = join(WORK_DIR, 'demo-encrypted.db');
  if (!existsSync(demo)) {
    log('  seeding the demo replica (kept in bench/tmp for later runs)…');
    const partial = `${demo}.partial`;
    for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
    const replica = openReplica(partial, key, { create: true });
    seedInto(replica, { scale: 'demo', seed: DEFAULT_SEED, asOf: DEFAULT_AS_OF });
    replica.close();
    renameSync(partial, demo);
  }
  return { file: demo, scale: 'demo' };
}

/** Seconds spent hashing the audit's bytes, built outside the timing a chunk at a time. */
function plainHashSeconds(db: Db): { events: number; seconds: number; bytes: number } {
  let events = 0;
  let seconds = 0;
  let bytes = 0;
  const rows = db.prepare<[string], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE region = ? ORDER BY seq`).raw();
  let texts: string[] = [];
  const time = () => {
    const started = performance.now();
    for (const text of texts) hash('sha256', text, 'hex');
    seconds += (performance.now() - started) / 1000;
    texts = [];
  };
  for (const region of storedRegions(db)) {
    for (const row of rows.iterate(region) as Iterable<EventRow>) {
      const content = rowContentText(region, row);
      const link = chainLinkText({ prevHash: row[9], seq: row[0], recordTime: row[4], id: row[1] });
      texts.push(content, link);
      bytes += Buffer.byteLength(content) + Buffer.byteLength(link);
      events++;
      if (texts.length >= 2 * CHUNK) time();
    }
  }
  time();
  return { events, seconds, bytes };
}

export function runAuditBench(): string {
  mkdirSync(WORK_DIR, { recursive: true });
  const { key } = ensureKeyFile(join(WORK_DIR, 'bench.key'));
  const { file, scale } = replicaFile(key);
  openReplica(file, key).close(); // read-write once: applies pending migrations
  const replica = openReplica(file, key, { readonly: true });
  try {
    log(`audit verify (${scale}): plain SHA-256 of the same bytes`);
    const plain = plainHashSeconds(replica.db);
    const hashRate = plain.events / plain.seconds;
    log(`  ${plain.events} events, ${(plain.bytes / 2 ** 20).toFixed(0)} MiB hashed in ${plain.seconds.toFixed(2)} s`);
    const chainRuns = [1, 2, 3].map(() => verifyStore(replica.db, file, { rootPem: null, allowSnapshot: true, replay: false }));
    const chain = chainRuns.map((r) => r.millis.total).sort((a, b) => a - b)[1] ?? 0;
    const chainRate = plain.events / (chain / 1000);
    log(`  chain only: median ${chain} ms (${Math.round(chainRate)} events/s)`);
    log('  whole audit, with the replay of every log…');
    const full = verifyStore(replica.db, file, { rootPem: null, allowSnapshot: true, replay: true });
    if (!full.ok) throw new Error(`the bench replica does not verify: ${JSON.stringify(full.firstProblem)}`);
    const fullRate = full.events / (full.millis.total / 1000);
    log(`  whole audit: ${full.millis.total} ms (${Math.round(fullRate)} events/s; replay ${full.millis.replay} ms)`);
    return writeResult('audit', {
      scale,
      events: plain.events,
      hashedMiB: round(plain.bytes / 2 ** 20, 1),
      plainSha256EventsPerSecond: Math.round(hashRate),
      chainVerify: { medianMs: chain, runs: chainRuns.length, eventsPerSecond: Math.round(chainRate), ratioToPlainSha256: round(chainRate / hashRate, 3) },
      fullVerify: { ms: full.millis.total, replayMs: full.millis.replay, eventsPerSecond: Math.round(fullRate), ratioToPlainSha256: round(fullRate / hashRate, 4) },
    });
  } finally {
    replica.close();
  }
}
