import { createHash, randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { EVENT_COLUMNS, type EventRow } from '../audit/event-row';
import type { Identity } from '../pki';
import { PRIVATE_FILE_MODE, writePrivateFile } from '../private-files';
import { openReplica } from '../replica/replica';
import type { Db } from '../replica/open';
import { GENESIS_HASH } from '../../shared/domain/events';
import { fileHash, parseManifest, readBackup, writeBackup } from './container';
import { BackupError } from './errors';
import { BACKUP_FORMAT, type LogRange, type Manifest } from './manifest';
import { LEDGER_TABLES, sealSegment, type SegmentLine } from './segment';
import { signManifest } from './signer';
import { targetKey, type StoreTarget } from './source';

export interface CreateBackupOptions {
  source: StoreTarget;
  out: string;
  /** The backup key (32 bytes): SQLCipher key of a full copy, AES-256-GCM key of a segment. */
  backupKey: Buffer;
  identity: Identity;
  /** A previous backup (its file or its .manifest.json): make the incremental that continues it. */
  incrementalFrom?: string;
  now?: () => Date;
}

/** The manifest written beside each backup, so the next incremental needs no access to the backup itself. */
export const manifestFileOf = (out: string) => `${out}.manifest.json`;

/** Whether the file begins like a backup (a full one may be gigabytes: only its first bytes are read). */
function startsAsBackup(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(6);
    readSync(fd, head, 0, 6, 0);
    return head.toString('latin1') === 'INRS-B';
  } finally {
    closeSync(fd);
  }
}

/** Reads a previous backup's manifest from the backup file or from its .manifest.json. */
export function readPreviousManifest(file: string): Manifest {
  if (!existsSync(file)) throw new BackupError('usage', file, 'previous backup or manifest not found');
  if (startsAsBackup(file)) return readBackup(file).manifest;
  const text = readFileSync(file, 'utf8');
  try {
    return parseManifest(file, (JSON.parse(text) as { manifest: string }).manifest);
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError('not-a-backup', file, 'is neither a backup nor a backup manifest');
  }
}

function sourceRegion(options: CreateBackupOptions): string {
  const region = options.identity.info.region;
  if (!region) throw new BackupError('usage', options.out, 'the signing identity carries no region');
  if (options.source.kind === 'server' && options.identity.info.role !== 'regional-server') {
    throw new BackupError('usage', options.out, `a server backup is signed by the server's own identity, not a ${options.identity.info.role ?? 'CA'} certificate`);
  }
  return region;
}

/** Every region's stored range, read inside the caller's transaction. */
function logRanges(db: Db): LogRange[] {
  const heads = db.prepare<[], { region: string; last_seq: number; head_hash: string }>('SELECT region, last_seq, head_hash FROM region_heads ORDER BY region').all();
  const first = db.prepare<[string], { seq: number; prev_hash: string }>('SELECT seq, prev_hash FROM events WHERE region = ? ORDER BY seq LIMIT 1');
  return heads.map((h) => {
    const f = first.get(h.region);
    return { region: h.region, firstSeq: f?.seq ?? h.last_seq + 1, lastSeq: h.last_seq, prevHash: f?.prev_hash ?? h.head_hash, headHash: h.head_hash };
  });
}

const auditMaxId = (db: Db) => db.prepare<[], number | null>('SELECT max(id) FROM command_audit').pluck().get() ?? 0;

function manifestOf(fields: Omit<Manifest, 'format' | 'id' | 'firstSeq' | 'lastSeq' | 'headHash'>): Manifest {
  const own = fields.logs.find((l) => l.region === fields.region);
  return {
    format: BACKUP_FORMAT,
    id: randomUUID(),
    ...fields,
    firstSeq: own?.firstSeq ?? 0,
    lastSeq: own?.lastSeq ?? 0,
    headHash: own?.headHash ?? GENESIS_HASH,
  };
}

function finish(options: CreateBackupOptions, manifest: Manifest, payload: Buffer | { file: string }): Manifest {
  const own = manifest.logs.filter((l) => l.region !== '000000').map((l) => l.region);
  if (options.source.kind === 'server' && own.length > 0 && !own.includes(manifest.region)) {
    throw new BackupError('usage', options.source.file, `holds the log of region ${own.join(', ')}; it is not backed up under a certificate of region ${manifest.region}`);
  }
  const header = signManifest(manifest, options.identity);
  writeBackup(options.out, header, payload);
  writePrivateFile(manifestFileOf(options.out), `${JSON.stringify(header, null, 2)}\n`);
  return manifest;
}

/**
 * A full backup: `VACUUM INTO` from a read-only connection (one read transaction, so consistent
 * while the server keeps writing), then the copy re-keyed from the store key to the backup key.
 */
function createFull(options: CreateBackupOptions, region: string): Manifest {
  const key = targetKey(options.source);
  const createdAt = (options.now?.() ?? new Date()).toISOString();
  const copy = `${options.out}.copy`;
  for (const f of [copy, `${copy}-journal`]) rmSync(f, { force: true });
  // VACUUM INTO wants an absent or empty file: an empty one made 0600 keeps the copy private.
  closeSync(openSync(copy, 'wx', PRIVATE_FILE_MODE));
  try {
    const source = openReplica(options.source.file, key, { readonly: true, pageCheck: 'none' });
    try {
      source.db.prepare('VACUUM INTO ?').run(copy);
    } finally {
      source.close();
    }
    const db = new Database(copy);
    let logs: LogRange[];
    let maxId: number;
    try {
      keyDb(db, key);
      logs = logRanges(db);
      maxId = auditMaxId(db);
      db.pragma(`rekey = "x'${options.backupKey.toString('hex')}'"`);
    } finally {
      db.close();
    }
    const { hash, bytes } = fileHash(copy);
    const manifest = manifestOf({
      kind: 'full',
      source: options.source.kind,
      region,
      logs,
      createdAt,
      previousId: null,
      ledger: { auditMaxId: maxId, since: createdAt },
      payload: 'sqlcipher4',
      contentHash: hash,
      contentBytes: bytes,
    });
    return finish(options, manifest, { file: copy });
  } finally {
    for (const f of [copy, `${copy}-journal`]) rmSync(f, { force: true });
  }
}

/** SQLCipher 4 settings with a raw key, as the store itself is opened. */
export function keyDb(db: Database.Database, key: Buffer): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key.toString('hex')}'"`);
}

/** An incremental: every region's events after the previous backup's head, newer checkpoints and ledger rows. */
function createIncremental(options: CreateBackupOptions, region: string, previous: Manifest): Manifest {
  if (previous.source !== options.source.kind || previous.region !== region) {
    throw new BackupError('usage', options.incrementalFrom ?? '', `continues a ${previous.source} backup of region ${previous.region}, not this ${options.source.kind} of ${region}`);
  }
  const createdAt = (options.now?.() ?? new Date()).toISOString();
  const source = openReplica(options.source.file, targetKey(options.source), { readonly: true, pageCheck: 'none' });
  try {
    const read = source.db.transaction(() => {
      const before = new Map(previous.logs.map((l) => [l.region, l]));
      const hashAt = source.db.prepare<[string, number], string>('SELECT hash FROM events WHERE region = ? AND seq = ?').pluck();
      const after = source.db.prepare<[string, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE region = ? AND seq > ? ORDER BY seq`).raw();
      const lines: SegmentLine[] = [];
      const logs: LogRange[] = [];
      for (const now of logRanges(source.db)) {
        const prev = before.get(now.region);
        if (prev && prev.lastSeq > 0 && hashAt.get(now.region, prev.lastSeq) !== prev.headHash) {
          throw new BackupError(
            'source-diverged',
            options.source.file,
            `region ${now.region}: the store's event at seq ${prev.lastSeq} is not the previous backup's head ${prev.headHash.slice(0, 12)}… (restored from elsewhere?); take a full backup`,
          );
        }
        const from = prev?.lastSeq ?? 0;
        const rows = after.all(now.region, from);
        for (const row of rows) lines.push({ region: now.region, event: row });
        const start = prev?.headHash ?? rows[0]?.[9] ?? now.headHash;
        logs.push({ region: now.region, firstSeq: from + 1, lastSeq: now.lastSeq, prevHash: start, headHash: now.headHash });
      }
      for (const l of previous.logs) {
        if (!logs.some((n) => n.region === l.region)) throw new BackupError('source-diverged', options.source.file, `region ${l.region} is in the previous backup but no longer in the store`);
      }
      const checkpoints = source.db.prepare<[string, number], Record<string, unknown>>('SELECT * FROM checkpoints WHERE region = ? AND seq > ? ORDER BY seq');
      for (const l of logs) {
        for (const c of checkpoints.all(l.region, l.firstSeq - 1)) {
          lines.push({ checkpoint: { region: String(c.region), seq: Number(c.seq), hash: String(c.hash), time: String(c.time), signature: String(c.signature), signerCert: String(c.signer_cert) } });
        }
      }
      for (const row of source.db.prepare('SELECT * FROM command_results WHERE decided_at >= ?').all(previous.ledger.since)) lines.push({ ledger: LEDGER_TABLES[0], row: row as Record<string, unknown> });
      for (const row of source.db.prepare('SELECT * FROM command_nonces WHERE used_at >= ?').all(previous.ledger.since)) lines.push({ ledger: LEDGER_TABLES[1], row: row as Record<string, unknown> });
      for (const row of source.db.prepare('SELECT * FROM command_audit WHERE id > ?').all(previous.ledger.auditMaxId)) lines.push({ ledger: LEDGER_TABLES[2], row: row as Record<string, unknown> });
      return { lines, logs, maxId: auditMaxId(source.db) };
    });
    const { lines, logs, maxId } = read();
    const payload = sealSegment(lines, options.backupKey);
    const manifest = manifestOf({
      kind: 'incremental',
      source: options.source.kind,
      region,
      logs,
      createdAt,
      previousId: previous.id,
      ledger: { auditMaxId: maxId, since: createdAt },
      payload: 'aes-256-gcm+gzip-jsonl',
      contentHash: sha256(payload),
      contentBytes: payload.length,
    });
    return finish(options, manifest, payload);
  } finally {
    source.close();
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Makes one backup of `source` into `out` (never overwriting), signed by `identity`. */
export function createBackup(options: CreateBackupOptions): Manifest {
  if (existsSync(options.out)) throw new BackupError('usage', options.out, 'already exists; a backup is never overwritten');
  const region = sourceRegion(options);
  if (options.incrementalFrom) return createIncremental(options, region, readPreviousManifest(options.incrementalFrom));
  return createFull(options, region);
}
