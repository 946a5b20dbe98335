import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderLockedError, HOST_LOCK_FILE, lockFolder, STORE_LOCK_FILE } from '../../src/core/locks/dir-lock';
import { lockHostDataDir } from '../../src/main/host/data-dir-lock';
import { DisposableStore } from '../../src/shared/disposables';

/*
 * One process per data folder: a second host on the demo's folder, or a second server on a
 * store, is refused with the pid (and the host's address); a lock left by a dead process is
 * taken over. The holder is a real second process.
 */
const HOLDER = fileURLToPath(new URL('./support/hold-host-lock.ts', import.meta.url));
let dir: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-lock-'));
});

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts a process that holds the host lock of `dataDir` and announced `url`. */
function holder(dataDir: string, url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dataDir, url], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += String(chunk)));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (String(chunk).includes('held')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`holder exited ${code}: ${err}`)));
  });
}

function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(result.stdout);
}

describe('one host per data folder', () => {
  it('a second host on the same data folder is refused with the first one’s pid and address', async () => {
    const dataDir = join(dir, 'host-a');
    const first = await holder(dataDir, 'http://127.0.0.1:4870/?token=first');
    const second = () => lockHostDataDir({ dataDir, officer: false }, new DisposableStore(), () => undefined);
    expect(second).toThrow(`INRS Command Center is already running on the data folder ${dataDir} (process ${first.pid})`);
    expect(second).toThrow(/Open its address in a browser instead:\nhttp:\/\/127\.0\.0\.1:4870\/\?token=first$/);
    // The second officer's folder is its own: it may run beside the demo.
    const officer = new DisposableStore();
    lockHostDataDir({ dataDir, officer: true }, officer, () => undefined);
    await officer.dispose();
  });

  it('a lock left by a host that was killed is taken over, and released on shutdown', async () => {
    const dataDir = join(dir, 'host-b');
    const first = await holder(dataDir, 'http://127.0.0.1:4871/?token=gone');
    const exited = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    await exited;
    const log: string[] = [];
    const disposables = new DisposableStore();
    lockHostDataDir({ dataDir, officer: false }, disposables, (l) => log.push(l)).announce('http://127.0.0.1:4872/?token=new');
    expect(log).toEqual([`${dataDir}: taking over the lock left by process ${first.pid}, which is no longer running`]);
    expect(JSON.parse(readFileSync(join(dataDir, HOST_LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, url: 'http://127.0.0.1:4872/?token=new' });
    await disposables.dispose();
    expect(existsSync(join(dataDir, HOST_LOCK_FILE))).toBe(false);
  });

  it('a host on its own replica (--replica) locks that replica, not the data folder', async () => {
    const dataDir = join(dir, 'host-c');
    await holder(dataDir, 'http://127.0.0.1:4873/?token=c');
    const replica = join(dir, 'replicas', 'r.db');
    const first = new DisposableStore();
    lockHostDataDir({ replica, dataDir, officer: false }, first, () => undefined).announce('http://127.0.0.1:4874/?token=r');
    expect(() => lockHostDataDir({ replica, dataDir, officer: false }, new DisposableStore(), () => undefined)).toThrow(
      `INRS Command Center is already running on the replica ${replica} (process ${process.pid})`,
    );
    await first.dispose();
    expect(existsSync(`${replica}.lock`)).toBe(false);
  });
});

describe('the folder lock', () => {
  it('refuses a second holder naming the process, takes over a dead one, and a release leaves another’s lock alone', () => {
    const folder = join(dir, 'store');
    const lock = lockFolder(folder, { name: STORE_LOCK_FILE, holder: 'regional server' });
    let refusal: unknown;
    try {
      lockFolder(folder, { name: STORE_LOCK_FILE, holder: 'regional server' });
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(FolderLockedError);
    expect((refusal as Error).message).toMatch(new RegExp(`^${folder} is in use by another regional server \\(process ${process.pid} on `));
    lock.release();

    const pid = deadPid();
    writeFileSync(join(folder, STORE_LOCK_FILE), JSON.stringify({ pid, host: hostname(), holder: 'regional server', startedAt: '2026-01-01T00:00:00.000Z', url: null }));
    const taken = lockFolder(folder, { name: STORE_LOCK_FILE, holder: 'regional server' });
    expect(JSON.parse(readFileSync(join(folder, STORE_LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    // Someone else's lock file now (as after a takeover by another process): release leaves it.
    writeFileSync(join(folder, STORE_LOCK_FILE), JSON.stringify({ pid: 1, host: hostname(), holder: 'regional server', startedAt: 'x', url: null }));
    taken.release();
    expect(existsSync(join(folder, STORE_LOCK_FILE))).toBe(true);
  });
});
