import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { PRIVATE_FILE_MODE } from '../private-files';
import { BackupError } from './errors';
import { headerSchema, manifestSchema, type BackupHeader, type Manifest } from './manifest';

/**
 * A backup file: the line `INRS-BACKUP 1`, one line of signed header JSON, then the payload bytes.
 * The header is readable without the backup key (who made it, what it covers, the payload's
 * SHA-256); the payload is not.
 */
const MAGIC = 'INRS-BACKUP 1\n';
const MAX_HEADER = 1 << 20;
const CHUNK = 4 << 20;

export interface OpenedBackup {
  file: string;
  header: BackupHeader;
  manifest: Manifest;
  payloadOffset: number;
  payloadBytes: number;
}

/** Reads and parses the header; refuses a file that is no backup or whose header is mangled. */
export function readBackup(file: string): OpenedBackup {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw new BackupError('not-a-backup', file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, MAX_HEADER + MAGIC.length));
    readSync(fd, head, 0, head.length, 0);
    if (head.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) throw new BackupError('not-a-backup', file, 'does not start with the INRS-BACKUP 1 line');
    const end = head.indexOf(0x0a, MAGIC.length);
    if (end < 0) throw new BackupError('not-a-backup', file, 'the header line is not terminated (truncated file?)');
    const header = parseHeader(file, head.subarray(MAGIC.length, end).toString('utf8'));
    const manifest = parseManifest(file, header.manifest);
    return { file, header, manifest, payloadOffset: end + 1, payloadBytes: size - end - 1 };
  } finally {
    closeSync(fd);
  }
}

function parseHeader(file: string, text: string): BackupHeader {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupError('tampered', file, 'the signed header is not valid JSON (a changed byte?)');
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) throw new BackupError('tampered', file, 'the signed header lacks its manifest, signature or signer chain');
  return parsed.data;
}

export function parseManifest(file: string, text: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupError('tampered', file, 'the manifest is not valid JSON (a changed byte?)');
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new BackupError('tampered', file, `the manifest is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Calls `each` with the payload a chunk at a time (a full backup may be gigabytes). */
export function readPayloadChunks(backup: OpenedBackup, each: (chunk: Buffer) => void): void {
  forEachChunk(backup.file, backup.payloadOffset, each);
}

export function payloadHash(backup: OpenedBackup): string {
  const hash = createHash('sha256');
  readPayloadChunks(backup, (chunk) => hash.update(chunk));
  return hash.digest('hex');
}

/** SHA-256 of a file's bytes, read a chunk at a time. */
export function fileHash(file: string): { hash: string; bytes: number } {
  const hash = createHash('sha256');
  let bytes = 0;
  forEachChunk(file, 0, (chunk) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  return { hash: hash.digest('hex'), bytes };
}

function forEachChunk(file: string, from: number, each: (chunk: Buffer) => void): void {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK);
    let at = from;
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, at);
      if (n === 0) break;
      each(buffer.subarray(0, n));
      at += n;
    }
  } finally {
    closeSync(fd);
  }
}

/** Writes header and payload (bytes, or a file's bytes) to `out` 0600, whole or not at all; never overwrites. */
export function writeBackup(out: string, header: BackupHeader, payload: Buffer | { file: string }): void {
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  const fd = openSync(partial, 'wx', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, MAGIC);
    writeSync(fd, `${JSON.stringify(header)}\n`);
    if (Buffer.isBuffer(payload)) writeSync(fd, payload);
    else forEachChunk(payload.file, 0, (chunk) => writeSync(fd, chunk));
  } catch (err) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw err;
  }
  closeSync(fd);
  if (existsSync(out)) {
    rmSync(partial, { force: true });
    throw new BackupError('usage', out, 'already exists; a backup is never overwritten');
  }
  renameSync(partial, out);
}

/** Copies the payload bytes out to `dest` (0600), e.g. the SQLCipher copy of a full backup. */
export function extractPayload(backup: OpenedBackup, dest: string): void {
  const fd = openSync(dest, 'wx', PRIVATE_FILE_MODE);
  try {
    readPayloadChunks(backup, (chunk) => writeSync(fd, chunk));
  } finally {
    closeSync(fd);
  }
}
