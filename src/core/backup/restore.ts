import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { eventOfRow } from '../audit/event-row';
import { makePrivateDir } from '../private-files';
import { createCheckpointStore } from '../checkpoint/checkpoints';
import { POSITION_ID as LEDGER_POSITION_ID } from '../regional/log/shared-ledger';
import { createKeyFile, readKeyFile } from '../replica/key-file';
import { openReplica } from '../replica/replica';
import type { Db } from '../replica/open';
import type { SealedEvent } from '../../shared/domain/events';
import { extractPayload } from './container';
import { BackupError } from './errors';
import type { LogRange, Manifest } from './manifest';
import { LEDGER_TABLES, type SegmentLine } from './segment';
import type { StoreTarget } from './source';
import { checkBackupFile, checkFullCopy, openFullCopy, readCheckedSegment } from './verify';

export interface RestoreOptions {
  files: readonly string[];
  target: StoreTarget;
  backupKey: Buffer;
  rootPem: string;
}

export interface RestoreResult {
  /** The last backup applied: the restored store equals the source at its heads. */
  manifest: Manifest;
  logs: LogRange[];
  keyCreated: boolean;
}

const BATCH = 5_000;

/** Refuses a target that holds anything: a restore never mixes with or overwrites a store. */
function refuseOccupied(target: StoreTarget): void {
  if (target.kind === 'server') {
    if (existsSync(target.dir) && readdirSync(target.dir).length > 0) throw new BackupError('not-empty', target.dir, 'the folder to restore into is not empty; restore into a new or empty folder');
  } else if (existsSync(target.file)) {
    throw new BackupError('not-empty', target.file, 'the replica file to restore into already exists');
  }
}

/** The files must be one full backup and then incrementals each continuing the one before it. */
export function checkOrder(backups: readonly { file: string; manifest: Manifest }[]): void {
  const [first, ...rest] = backups;
  if (!first) throw new BackupError('usage', '', 'no backup file given');
  if (first.manifest.kind !== 'full') {
    throw new BackupError('missing-incremental', first.file, `is an incremental (continuing backup ${first.manifest.previousId ?? '?'}); a restore starts from a full backup`);
  }
  let previous = first;
  for (const [i, current] of rest.entries()) {
    const m = current.manifest;
    if (m.kind === 'full') throw new BackupError('reordered', current.file, 'is a full backup after the first file; give one full backup, then its incrementals in order');
    if (m.previousId !== previous.manifest.id) {
      const later = rest.slice(i + 1).find((b) => b.manifest.id === m.previousId);
      if (later) throw new BackupError('reordered', current.file, `continues ${later.file}, which is given after it; give the incrementals in the order they were made`);
      throw new BackupError(
        'missing-incremental',
        current.file,
        `continues backup ${m.previousId ?? '?'}, not ${previous.file} (${previous.manifest.id}): an incremental between them is missing`,
      );
    }
    for (const range of m.logs) {
      const before = previous.manifest.logs.find((l) => l.region === range.region);
      const lastSeq = before?.lastSeq ?? 0;
      if (range.firstSeq !== lastSeq + 1 || (before && range.prevHash !== before.headHash)) {
        throw new BackupError('broken-chain', current.file, `region ${range.region} starts at seq ${range.firstSeq} after ${range.prevHash.slice(0, 12)}…, but ${previous.file} ends at seq ${lastSeq} with ${before?.headHash.slice(0, 12) ?? '-'}…`);
      }
    }
    previous = current;
  }
}

function applySegment(db: Db, replica: ReturnType<typeof openReplica>, file: string, lines: readonly SegmentLine[]): void {
  const byRegion = new Map<string, SealedEvent[]>();
  const checkpoints = createCheckpointStore(db);
  for (const line of lines) {
    if ('event' in line) {
      const events = byRegion.get(line.region) ?? [];
      events.push(eventOfRow(line.region, line.event));
      byRegion.set(line.region, events);
    }
  }
  for (const [region, events] of byRegion) {
    for (let at = 0; at < events.length; at += BATCH) {
      try {
        replica.projector.applyBatch(region, events.slice(at, at + BATCH));
      } catch (err) {
        throw new BackupError('broken-chain', file, `region ${region}: ${(err as Error).message}`);
      }
    }
  }
  const columns = new Map(LEDGER_TABLES.map((t) => [t, new Set(db.prepare<[], string>(`SELECT name FROM pragma_table_info('${t}')`).pluck().all())]));
  db.transaction(() => {
    for (const line of lines) {
      if ('checkpoint' in line) checkpoints.save(line.checkpoint);
      else if ('ledger' in line) {
        const known = columns.get(line.ledger);
        const names = Object.keys(line.row);
        if (!known || names.some((n) => !known.has(n))) throw new BackupError('broken-chain', file, `a ${line.ledger} row carries a column this store does not have`);
        // A server's own positions (ids no command can have, such as its place in a shared ledger) move: the newest wins.
        const verb = line.ledger === 'command_results' && String(line.row.command_id).startsWith('#') ? 'INSERT OR REPLACE' : 'INSERT OR IGNORE';
        db.prepare(`${verb} INTO ${line.ledger} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...names.map((n) => line.row[n]));
      }
    }
  })();
}

/**
 * `inrs backup restore`: every file checked (signer, content hash, chain inside, order across
 * files) before anything is written; the full copy re-keyed to a new store key; the incrementals
 * applied through the projector (each event must continue its region's chain); the heads compared
 * with the last manifest. The store appears under its name only when all of this succeeded.
 */
export function restoreBackups(options: RestoreOptions): RestoreResult {
  refuseOccupied(options.target);
  const checked = options.files.map((file) => checkBackupFile(file, options.rootPem));
  for (const b of checked) {
    if (b.manifest.source !== options.target.kind) {
      throw new BackupError('usage', b.file, `is a backup of a ${b.manifest.source === 'server' ? 'server store (restore it with --data DIR)' : 'workstation replica (restore it with --replica FILE --key-file FILE)'}`);
    }
  }
  checkOrder(checked);
  const full = checked[0] as (typeof checked)[number];
  const segments = checked.slice(1).map((b) => ({ file: b.file, lines: readCheckedSegment(b, options.backupKey) }));
  const last = (checked.at(-1) ?? full).manifest;

  const target = options.target;
  const createdDir = target.kind === 'server' && !existsSync(target.dir);
  if (target.kind === 'server') makePrivateDir(target.dir);
  const partial = `${target.file}.restoring`;
  const keyExisted = existsSync(target.keyFile);
  const leftovers = [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`];
  try {
    for (const f of leftovers) rmSync(f, { force: true });
    extractPayload(full, partial);
    const key = keyExisted ? readKeyFile(target.keyFile) : createKeyFile(target.keyFile);
    const copy = openFullCopy(full.file, partial, options.backupKey, false);
    try {
      checkFullCopy(full.file, copy, full.manifest, options.rootPem);
      copy.pragma(`rekey = "x'${key.toString('hex')}'"`);
    } finally {
      copy.close();
    }
    const replica = openReplica(partial, key, { pageCheck: 'none' });
    try {
      for (const s of segments) applySegment(replica.db, replica, s.file, s.lines);
      // A restored server is not the one that made the backup: its records in a shared command
      // ledger after the backup are read back rather than skipped as its own.
      if (target.kind === 'server') replica.db.prepare('UPDATE command_results SET reason = NULL WHERE command_id = ?').run(LEDGER_POSITION_ID);
      for (const range of last.logs) {
        const head = replica.projector.headOf(range.region);
        if (head.seq !== range.lastSeq || (range.lastSeq > 0 && head.hash !== range.headHash)) {
          throw new BackupError('broken-chain', options.files.at(-1) ?? '', `region ${range.region}: restored head seq ${head.seq} is not the manifest's ${range.lastSeq}`);
        }
      }
      replica.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      replica.close();
    }
    renameSync(partial, target.file);
    return { manifest: last, logs: last.logs, keyCreated: !keyExisted };
  } catch (err) {
    for (const f of leftovers) rmSync(f, { force: true });
    if (!keyExisted) rmSync(target.keyFile, { force: true });
    if (createdDir && target.kind === 'server') rmSync(target.dir, { recursive: true, force: true });
    throw err;
  }
}
