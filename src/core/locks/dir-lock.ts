import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * One process per folder: a lock file created exclusively (O_EXCL) in the folder, naming the
 * process that holds it. A second process is refused with that pid (and, for a host, the
 * address it serves); a lock left by a process that is no longer alive is taken over.
 */
const lockFileSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  /** What holds the folder: "host" (the app's data folder) or "server" (a regional store). */
  holder: z.string(),
  startedAt: z.string(),
  /** The address the holder serves, once it listens (the browser host's URL). */
  url: z.string().nullable(),
});
export type LockOwner = z.infer<typeof lockFileSchema>;

export class FolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly owner: LockOwner,
  ) {
    const where = owner.url ? `; it serves ${owner.url}` : '';
    super(`${folder} is in use by another ${owner.holder} (process ${owner.pid} on ${owner.host}, since ${owner.startedAt})${where}; stop it first`);
    this.name = 'FolderLockedError';
  }
}

export interface FolderLock {
  readonly file: string;
  /** Records the address the holder serves, for a second instance to print. */
  setUrl(url: string): void;
  /** Removes the lock file if this process still holds it. */
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    return lockFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

function writeOwner(file: string, owner: LockOwner, exclusive: boolean): void {
  const content = `${JSON.stringify(owner, null, 2)}\n`;
  if (exclusive) {
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    return;
  }
  const partial = `${file}.${process.pid}.partial`;
  const fd = openSync(partial, 'w', 0o600);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, file);
}

/**
 * Takes the lock file `name` in `folder` (created if missing) for this process, or throws
 * FolderLockedError naming the live process that holds it.
 */
export function lockFolder(folder: string, options: { name: string; holder: string; log?: (line: string) => void }): FolderLock {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = join(folder, options.name);
  const owner: LockOwner = { pid: process.pid, host: hostname(), holder: options.holder, startedAt: new Date().toISOString(), url: null };
  for (let attempt = 0; ; attempt++) {
    try {
      writeOwner(file, owner, true);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw err;
    }
    const current = readOwner(file);
    // A half-written file (its writer is between open and write) is not ours to judge yet.
    if (current === null && attempt === 0) continue;
    if (current && current.host === owner.host && isAlive(current.pid)) throw new FolderLockedError(folder, current);
    if (current && current.host !== owner.host) throw new FolderLockedError(folder, current);
    options.log?.(`${folder}: taking over the lock left by process ${current?.pid ?? '?'}, which is no longer running`);
    rmSync(file, { force: true });
  }
  let held = true;
  return {
    file,
    setUrl(url) {
      if (!held) return;
      owner.url = url;
      writeOwner(file, owner, false);
    },
    release() {
      if (!held) return;
      held = false;
      if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
    },
  };
}

/** The app's data folder: one host at a time. */
export const HOST_LOCK_FILE = 'host.lock';
/** A regional server's store folder: one server at a time. */
export const STORE_LOCK_FILE = 'server.lock';
