import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileHash } from '../src/core/backup/container';
import { createBackup, manifestFileOf } from '../src/core/backup/create';
import { restoreBackups } from '../src/core/backup/restore';
import { replicaTarget } from '../src/core/backup/source';
import { verifyBackup } from '../src/core/backup/verify';
import { initPki, issueCertificate, loadIdentityFile } from '../src/core/pki';
import { ensureKeyFile, newReplicaKey } from '../src/core/replica/key-file';
import { openReplica } from '../src/core/replica/replica';
import { DEFAULT_AS_OF, DEFAULT_SEED } from '../src/core/seed/defaults';
import type { SeedScale } from '../src/core/seed';
import { seedInto } from '../src/core/seed/seed-replica';
import { round } from './lib/measure';
import { WORK_DIR, writeResult } from './lib/results';

/**
 * Backing up and restoring the bench's seeded replica (national; demo with --quick): a full backup (VACUUM INTO, re-key, SHA-256, sign), its verification with the chain
 * inside, a restore (re-key to a new store key, chain check, heads), each against copying and
 * hashing the same file in the same run.
 */
const log = (line: string) => process.stderr.write(`${line}\n`);

/** The seeded replica of the replica bench at `scale` (the same file), seeded here when absent. */
function benchReplica(key: Buffer, scale: SeedScale): { file: string; scale: string } {
  const file = join(WORK_DIR, `${scale}-encrypted.db`);
  if (!existsSync(file)) {
    log(`  seeding the ${scale} replica (kept in bench/tmp for later runs)…`);
    const partial = `${file}.partial`;
    for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
    const replica = openReplica(partial, key, { create: true });
    seedInto(replica, { scale, seed: DEFAULT_SEED, asOf: DEFAULT_AS_OF });
    replica.close();
    renameSync(partial, file);
  }
  return { file, scale };
}

const timed = <T>(fn: () => T): { value: T; ms: number } => {
  const started = performance.now();
  const value = fn();
  return { value, ms: Math.round(performance.now() - started) };
};

export function runBackupBench(scaleToRun: SeedScale): string {
  mkdirSync(WORK_DIR, { recursive: true });
  const keyFile = join(WORK_DIR, 'bench.key');
  const { key } = ensureKeyFile(keyFile);
  const { file, scale } = benchReplica(key, scaleToRun);
  openReplica(file, key).close(); // read-write once: applies pending migrations, folds the WAL
  const dir = mkdtempSync(join(WORK_DIR, 'backup-'));
  try {
    const { rootPem } = initPki(join(dir, 'pki'));
    issueCertificate(join(dir, 'pki'), { kind: 'client', region: '000000', role: 'national-commander', name: 'bench', out: join(dir, 'bench.p12') });
    const identity = loadIdentityFile(join(dir, 'bench.p12'));
    const backupKey = newReplicaKey();
    const bytes = statSync(file).size;
    const events = (() => {
      const r = openReplica(file, key, { readonly: true });
      try {
        return r.db.prepare<[], number>('SELECT count(*) FROM events').pluck().get() ?? 0;
      } finally {
        r.close();
      }
    })();
    log(`backup (${scale}): ${events} events, ${(bytes / 2 ** 20).toFixed(0)} MiB`);

    const baseline = timed(() => {
      copyFileSync(file, join(dir, 'plain-copy.db'));
      return fileHash(join(dir, 'plain-copy.db'));
    });
    log(`  baseline, copy + SHA-256 of the file: ${baseline.ms} ms`);
    const out = join(dir, 'full.inrsbak');
    const create = timed(() => createBackup({ source: replicaTarget(file, keyFile), out, backupKey, identity }));
    log(`  full backup: ${create.ms} ms`);
    const verify = timed(() => verifyBackup(out, rootPem, backupKey));
    log(`  verify with the chain inside: ${verify.ms} ms`);
    const restore = timed(() => restoreBackups({ files: [out], target: replicaTarget(join(dir, 'restored.db'), join(dir, 'restored.key')), backupKey, rootPem }));
    log(`  restore: ${restore.ms} ms`);
    // An incremental of nothing new: the fixed cost of the hourly backup on a store this size.
    const incremental = timed(() => createBackup({ source: replicaTarget(file, keyFile), out: join(dir, 'inc.inrsbak'), backupKey, identity, incrementalFrom: manifestFileOf(out) }));
    log(`  empty incremental: ${incremental.ms} ms`);
    const ratio = (ms: number) => round(ms / Math.max(baseline.ms, 1), 2);
    return writeResult('backup', {
      scale,
      events,
      storeMiB: round(bytes / 2 ** 20, 1),
      backupMiB: round(statSync(out).size / 2 ** 20, 1),
      baselineCopyAndHashMs: baseline.ms,
      fullBackup: { ms: create.ms, eventsPerSecond: Math.round(events / (create.ms / 1000)), ratioToCopy: ratio(create.ms) },
      verifyWithChain: { ms: verify.ms, ratioToCopy: ratio(verify.ms) },
      restore: { ms: restore.ms, eventsPerSecond: Math.round(events / (restore.ms / 1000)), ratioToCopy: ratio(restore.ms) },
      emptyIncremental: { ms: incremental.ms },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
