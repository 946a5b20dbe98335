import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup } from '../../src/core/backup/create';
import { readBackupPolicy } from '../../src/core/backup/policy';
import type { Manifest } from '../../src/core/backup/manifest';
import { restoreBackups } from '../../src/core/backup/restore';
import { backupsToPrune, listBackups, startBackupScheduler, type SchedulerClock } from '../../src/core/backup/scheduler';
import { serverTarget } from '../../src/core/backup/source';
import type { RegionalStore } from '../../src/core/regional/regional-store';
import { appendMovements, backupWorld, REGION, seededStore, type BackupWorld } from './support';

/** A clock the test moves by hand; the scheduler's timer is the function it registered. */
function fakeClock(start: number) {
  let now = start;
  let timer: (() => void) | null = null;
  const clock: SchedulerClock = {
    now: () => now,
    every: (_ms, fn) => {
      timer = fn;
      return () => (timer = null);
    },
  };
  return { clock, advance: (ms: number) => (now += ms), fire: () => timer?.(), stopped: () => timer === null };
}

let world: BackupWorld;
let store: RegionalStore;
let data: string;
beforeAll(() => {
  world = backupWorld();
  data = join(world.dir, 'server-data');
  store = seededStore(data);
});
afterAll(() => {
  store.close();
  world.remove();
});

describe('the retention policy run by the server', () => {
  it('reads the backups section of the server configuration, paths from its folder', () => {
    const config = join(world.dir, 'server.json');
    writeFileSync(config, JSON.stringify({ backups: { dir: 'backups', backupKeyFile: 'backup.key', keepFulls: 3 } }));
    expect(readBackupPolicy(config)).toEqual({
      dir: join(world.dir, 'backups'),
      backupKeyFile: join(world.dir, 'backup.key'),
      incrementalEveryMinutes: 60,
      fullEveryHours: 24,
      keepIncrementals: 48,
      keepFulls: 3,
    });
    writeFileSync(config, JSON.stringify({ backups: { dir: 'b', backupKeyFile: 'k', keepFulls: 0 } }));
    expect(() => readBackupPolicy(config)).toThrow(/backups.keepFulls/);
  });

  it('makes hourly incrementals and daily fulls over three days, keeps N of each, all 0600 in a 0700 folder, and the newest chain restores', async () => {
    const policy = { dir: join(world.dir, 'scheduled'), backupKeyFile: world.backupKeyFile, incrementalEveryMinutes: 60, fullEveryHours: 24, keepIncrementals: 5, keepFulls: 2 };
    // From the next midnight on: the server certificate is valid through the three days.
    const start = Math.ceil(Date.now() / 86_400_000) * 86_400_000;
    const day = (n: number) => new Date(start + n * 86_400_000).toISOString();
    const fake = fakeClock(start);
    const made: string[] = [];
    const scheduler = startBackupScheduler({
      region: REGION,
      policy,
      clock: fake.clock,
      log: () => undefined,
      make: async (out, from) => {
        made.push(out);
        createBackup({ source: serverTarget(data), out, backupKey: world.backupKey, identity: world.server, now: () => new Date(fake.clock.now()), ...(from ? { incrementalFrom: from } : {}) });
      },
    });
    // Every minute for three days: the timer fires, a backup is made only when one is due.
    for (let minute = 0; minute < 3 * 24 * 60; minute++) {
      fake.fire();
      await scheduler.whenIdle();
      if (minute % 120 === 0) await appendMovements(store, 2);
      fake.advance(60_000);
    }
    scheduler.stop();
    expect(fake.stopped()).toBe(true);

    // 3 fulls (day 0, 1, 2) and 23 incrementals a day.
    expect(made.filter((f) => f.endsWith('-full.inrsbak'))).toHaveLength(3);
    expect(made.filter((f) => f.endsWith('-incremental.inrsbak'))).toHaveLength(69);
    const kept = listBackups(policy.dir);
    const fulls = kept.filter((b) => b.manifest.kind === 'full');
    expect(fulls.map((b) => b.manifest.createdAt)).toEqual([day(1), day(2)]);
    // The newest full's 23 incrementals are all kept (its chain must restore), beyond keepIncrementals.
    const incrementals = kept.filter((b) => b.manifest.kind === 'incremental');
    expect(incrementals).toHaveLength(23);
    expect(incrementals.every((b) => b.manifest.createdAt > day(2))).toBe(true);

    expect(statSync(policy.dir).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(policy.dir)) expect(statSync(join(policy.dir, name)).mode & 0o777).toBe(0o600);

    const chain = [fulls[1], ...incrementals].map((b) => b?.file ?? '');
    const restoredDir = join(world.dir, 'restored');
    const result = restoreBackups({ files: chain, target: serverTarget(restoredDir), backupKey: world.backupKey, rootPem: world.rootPem });
    expect(result.manifest.headHash).toBe(store.head().hash);
  });

  it('keeps older incrementals up to keepIncrementals when the newest full has fewer, never one older than the oldest kept full', () => {
    const at = (h: number) => new Date(Date.UTC(2026, 11, 1, h)).toISOString();
    const b = (kind: 'full' | 'incremental', h: number) => ({ file: `${kind}-${h}`, manifest: { kind, createdAt: at(h) } as Manifest });
    const backups = [b('full', 0), b('incremental', 1), b('full', 2), b('incremental', 3), b('incremental', 4), b('full', 5), b('incremental', 6)];
    const pruned = backupsToPrune(backups, { keepFulls: 2, keepIncrementals: 2 }).map((k) => k.file);
    // Fulls 2 and 5 kept; incremental 6 (after the newest full) and 4 (to make 2); 3 and those before full 2 go.
    expect(pruned).toEqual(['full-0', 'incremental-1', 'incremental-3']);
  });
});
