import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateDir } from '../private-files';
import { parseManifest } from './container';
import { manifestFileOf } from './create';
import type { Manifest } from './manifest';
import type { BackupPolicy } from './policy';

/** The time source and timer of the scheduler; tests give a fake one. */
export interface SchedulerClock {
  now(): number;
  every(ms: number, fn: () => void): () => void;
}

export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  every(ms, fn) {
    const timer = setInterval(fn, ms);
    return () => clearInterval(timer);
  },
};

/** Makes one backup into `out` (incremental when `from`, a previous manifest file, is given). */
export type MakeBackup = (out: string, from: string | null) => Promise<void>;

interface Kept {
  file: string;
  manifest: Manifest;
}

const SUFFIX = '.inrsbak';

/** The backups in the folder, oldest first, read from their manifest files (unreadable ones are left alone). */
export function listBackups(dir: string): Kept[] {
  if (!existsSync(dir)) return [];
  const kept: Kept[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(SUFFIX)) continue;
    const file = join(dir, name);
    try {
      const header = JSON.parse(readFileSync(manifestFileOf(file), 'utf8')) as { manifest: string };
      kept.push({ file, manifest: parseManifest(file, header.manifest) });
    } catch {
      // A backup without a readable manifest is not ours to count or delete.
    }
  }
  return kept.sort((a, b) => a.manifest.createdAt.localeCompare(b.manifest.createdAt));
}

/** Which backups the policy drops: fulls beyond the newest keepFulls; incrementals beyond keepIncrementals, never one after the newest full. */
export function backupsToPrune(backups: readonly Kept[], policy: Pick<BackupPolicy, 'keepFulls' | 'keepIncrementals'>): Kept[] {
  const fulls = backups.filter((b) => b.manifest.kind === 'full');
  const keptFulls = fulls.slice(-policy.keepFulls);
  const newestFull = keptFulls.at(-1)?.manifest.createdAt ?? '';
  const oldestKeptFull = keptFulls[0]?.manifest.createdAt ?? '';
  const incrementals = backups.filter((b) => b.manifest.kind === 'incremental');
  const current = incrementals.filter((b) => b.manifest.createdAt >= newestFull);
  const older = incrementals.filter((b) => b.manifest.createdAt < newestFull && b.manifest.createdAt >= oldestKeptFull);
  const keptOlder = older.slice(Math.max(0, older.length - Math.max(0, policy.keepIncrementals - current.length)));
  const keep = new Set([...keptFulls, ...current, ...keptOlder]);
  return backups.filter((b) => !keep.has(b));
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/**
 * The retention policy run by the server: a full backup when the newest is older than
 * fullEveryHours, else an incremental when the newest backup is older than
 * incrementalEveryMinutes; then what the policy no longer keeps is deleted. Decided from the
 * folder's manifests, so a restarted server carries on where it was. One backup at a time.
 */
export function startBackupScheduler(options: { region: string; policy: BackupPolicy; clock?: SchedulerClock; make: MakeBackup; log: (line: string) => void }) {
  const { policy, region, log } = options;
  const clock = options.clock ?? systemClock;
  makePrivateDir(policy.dir);
  if (process.platform !== 'win32' && (statSync(policy.dir).mode & 0o077) !== 0) log(`backups: ${policy.dir} is readable by others; chmod 700 it`);
  let running: Promise<void> | null = null;

  const due = (): { out: string; from: string | null } | null => {
    const now = clock.now();
    const backups = listBackups(policy.dir);
    const lastFull = backups.filter((b) => b.manifest.kind === 'full').at(-1);
    const last = backups.at(-1);
    if (!lastFull || now - Date.parse(lastFull.manifest.createdAt) >= policy.fullEveryHours * 3_600_000) {
      return { out: join(policy.dir, `backup-${region}-${stamp(now)}-full${SUFFIX}`), from: null };
    }
    if (last && now - Date.parse(last.manifest.createdAt) >= policy.incrementalEveryMinutes * 60_000) {
      return { out: join(policy.dir, `backup-${region}-${stamp(now)}-incremental${SUFFIX}`), from: manifestFileOf(last.file) };
    }
    return null;
  };

  const prune = () => {
    for (const b of backupsToPrune(listBackups(policy.dir), policy)) {
      rmSync(b.file, { force: true });
      rmSync(manifestFileOf(b.file), { force: true });
      log(`backups: deleted ${b.file} (${b.manifest.kind}, ${b.manifest.createdAt}) by the retention policy`);
    }
  };

  /** Makes the backup that is due, if any; resolves when it is written and the folder pruned. */
  const tick = (): Promise<void> => {
    if (running) return running;
    const next = due();
    if (!next) return Promise.resolve();
    running = options
      .make(next.out, next.from)
      .then(() => {
        log(`backups: wrote ${next.out}`);
        prune();
      })
      .catch((err: unknown) => log(`backups: ${next.out} failed: ${(err as Error).message}`))
      .finally(() => {
        running = null;
      });
    return running;
  };

  // Checked every minute (or the incremental interval, if shorter): a missed hour is made up at once.
  const stop = clock.every(Math.min(60_000, policy.incrementalEveryMinutes * 60_000), () => void tick());
  return { tick, stop, whenIdle: () => running ?? Promise.resolve() };
}
