import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { PkiError } from './errors';

/** Writes a new file with `mode`, refusing to replace one that exists (keys, .p12, the root). */
export function writeNewFile(file: string, data: string | Uint8Array, mode = 0o600): void {
  let fd: number;
  try {
    fd = openSync(file, 'wx', mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new PkiError('exists', `${file} already exists; refusing to overwrite it`);
    throw err;
  }
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Replaces `file` through a temp file and a rename, so a reader never sees half of it. */
export function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o644): void {
  const tmp = `${file}.tmp-${process.pid}`;
  if (existsSync(tmp)) rmSync(tmp);
  const fd = openSync(tmp, 'wx', mode);
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
