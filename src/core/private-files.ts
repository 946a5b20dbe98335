import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';

/**
 * Everything the project writes that holds reserve data is readable by its owner only: files
 * 0600, folders it creates 0700 (an existing folder the operator chose keeps its mode).
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Writes `file` 0600; chmod as well, since the mode given to open applies only to a file it creates. */
export function writePrivateFile(file: string, data: string | Uint8Array, flag: 'w' | 'wx' = 'w'): void {
  writeFileSync(file, data, { mode: PRIVATE_FILE_MODE, flag });
  chmodSync(file, PRIVATE_FILE_MODE);
}

/** Brings files that exist (a replica and its -wal/-shm) to 0600; one that cannot be changed is left as it is. */
export function keepPrivate(files: readonly string[]): void {
  for (const file of files) {
    try {
      if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE);
    } catch {
      // Not ours to change (a read-only open of another user's file): the open itself decides.
    }
  }
}
