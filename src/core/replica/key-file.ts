import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { ReplicaError } from './errors';

/** A replica key: 32 random bytes, stored as 64 hex characters in a 0600 key file. */
export const KEY_BYTES = 32;
const KEY_HEX = /^[0-9a-f]{64}$/i;

export function newReplicaKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

export function parseKeyHex(text: string, file: string): Buffer {
  const hex = text.trim();
  if (!KEY_HEX.test(hex)) throw new ReplicaError('bad-key-file', file, 'key file must hold exactly 64 hex characters');
  return Buffer.from(hex, 'hex');
}

/** Reads a key file, refusing one that others can read: the key is the replica. */
export function readKeyFile(file: string): Buffer {
  if (!existsSync(file)) throw new ReplicaError('missing-key', file, 'key file not found');
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new ReplicaError('key-file-mode', file, `key file mode is ${mode.toString(8).padStart(4, '0')}; it must be 0600 (chmod 600)`);
  }
  return parseKeyHex(readFileSync(file, 'utf8'), file);
}

/** Creates a new key file (0600, never overwriting one), returning the key. */
export function createKeyFile(file: string): Buffer {
  const key = newReplicaKey();
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new ReplicaError('exists', file, 'key file already exists');
    throw err;
  }
  try {
    if ((fstatSync(fd).mode & 0o077) !== 0) throw new ReplicaError('key-file-mode', file, 'could not create the key file with mode 0600');
    writeSync(fd, `${key.toString('hex')}\n`);
  } finally {
    closeSync(fd);
  }
  return key;
}

/** The key in `file`, creating the file first when it does not exist. */
export function ensureKeyFile(file: string): { key: Buffer; created: boolean } {
  if (existsSync(file)) return { key: readKeyFile(file), created: false };
  return { key: createKeyFile(file), created: true };
}
