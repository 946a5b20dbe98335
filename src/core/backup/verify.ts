import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { walkChain } from '../audit/chain-walk';
import type { EventRow } from '../audit/event-row';
import { verifyStore } from '../audit/verify';
import { extractPayload, payloadHash, readBackup, readPayloadChunks, type OpenedBackup } from './container';
import { keyDb } from './create';
import { BackupError } from './errors';
import type { LogRange, Manifest } from './manifest';
import { openSegment, type SegmentLine } from './segment';
import { checkSigner } from './signer';

/** Header, signer (to `rootPem`) and the payload's SHA-256 against the signed manifest. */
export function checkBackupFile(file: string, rootPem: string): OpenedBackup & { signer: string } {
  const backup = readBackup(file);
  const { subject } = checkSigner(file, backup.header, backup.manifest, rootPem);
  const m = backup.manifest;
  if (backup.payloadBytes !== m.contentBytes) {
    throw new BackupError('tampered', file, `the payload is ${backup.payloadBytes} bytes, the signed manifest says ${m.contentBytes} (truncated or extended)`);
  }
  const hash = payloadHash(backup);
  if (hash !== m.contentHash) throw new BackupError('tampered', file, `payload bytes changed: SHA-256 ${hash.slice(0, 16)}… is not the signed manifest's ${m.contentHash.slice(0, 16)}…`);
  return { ...backup, signer: subject };
}

/** The segment of an incremental, decrypted, each region's events checked to chain from the manifest's prevHash to its head. */
export function readCheckedSegment(backup: OpenedBackup, key: Buffer): SegmentLine[] {
  const parts: Buffer[] = [];
  readPayloadChunks(backup, (chunk) => parts.push(Buffer.from(chunk)));
  const lines = openSegment(backup.file, Buffer.concat(parts), key);
  const byRegion = new Map<string, EventRow[]>();
  for (const line of lines) {
    if ('event' in line) {
      const rows = byRegion.get(line.region) ?? [];
      rows.push(line.event);
      byRegion.set(line.region, rows);
    }
  }
  for (const range of backup.manifest.logs) {
    const rows = byRegion.get(range.region) ?? [];
    const walk = walkChain(range.region, rows, { seq: range.firstSeq - 1, hash: range.prevHash }, new Set());
    const failure = walk.failures[0];
    if (failure) {
      const what = !failure.prevOk ? 'does not link to the event before it' : !failure.contentOk ? 'content does not match its id' : failure.row[0] !== failure.expectedSeq ? `stands where seq ${failure.expectedSeq} belongs` : 'hash does not match';
      throw new BackupError('broken-chain', backup.file, `region ${range.region} seq ${failure.row[0]}: ${what}`);
    }
    const count = range.lastSeq - range.firstSeq + 1;
    if (rows.length !== count || (count > 0 && walk.lastHash !== range.headHash)) {
      throw new BackupError('broken-chain', backup.file, `region ${range.region}: the segment holds ${rows.length} events ending at ${walk.lastHash?.slice(0, 12) ?? '-'}, the manifest ${count} ending at ${range.headHash.slice(0, 12)}…`);
    }
    byRegion.delete(range.region);
  }
  const stray = [...byRegion.keys()][0];
  if (stray) throw new BackupError('broken-chain', backup.file, `the segment holds events of region ${stray}, which its manifest does not list`);
  return lines;
}

/** Opens the SQLCipher copy of a full backup with the backup key, naming a wrong key as such. */
export function openFullCopy(file: string, dbFile: string, key: Buffer, readonly: boolean): Database.Database {
  const db = new Database(dbFile, { readonly, fileMustExist: true });
  keyDb(db, key);
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    db.close();
    throw new BackupError('wrong-key', file, 'the full copy does not open with this backup key');
  }
  return db;
}

/** The chain of every region in a full copy (re-derived, checkpoints against the root), and its heads against the manifest. */
export function checkFullCopy(file: string, db: Database.Database, manifest: Manifest, rootPem: string): void {
  const report = verifyStore(db, file, { rootPem, allowSnapshot: manifest.source === 'replica', replay: false });
  const problem = report.firstProblem;
  if (problem) throw new BackupError('broken-chain', file, `region ${problem.region} seq ${problem.seq}: ${problem.kind}: ${problem.message}`);
  const heads = new Map(report.regions.map((r) => [r.region, r]));
  for (const range of manifest.logs) {
    const r = heads.get(range.region);
    if ((r?.headSeq ?? 0) !== range.lastSeq) throw new BackupError('broken-chain', file, `region ${range.region}: the copy's head is seq ${r?.headSeq ?? 0}, the manifest says ${range.lastSeq}`);
  }
}

export interface VerifiedBackup {
  file: string;
  manifest: Manifest;
  signer: string;
  /** Whether the chain inside was checked (it needs the backup key). */
  chainChecked: boolean;
}

/** `inrs backup verify`: signer chain, content hash and, given the backup key, the hash chain inside. */
export function verifyBackup(file: string, rootPem: string, key: Buffer | null): VerifiedBackup {
  const backup = checkBackupFile(file, rootPem);
  if (key) {
    if (backup.manifest.kind === 'incremental') readCheckedSegment(backup, key);
    else {
      const dir = mkdtempSync(join(tmpdir(), 'inrs-backup-verify-'));
      try {
        const copy = join(dir, 'copy.db');
        extractPayload(backup, copy);
        const db = openFullCopy(file, copy, key, true);
        try {
          checkFullCopy(file, db, backup.manifest, rootPem);
        } finally {
          db.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  return { file, manifest: backup.manifest, signer: backup.signer, chainChecked: key !== null };
}

export const describeRange = (l: LogRange) => `${l.region} seq ${l.firstSeq}..${l.lastSeq} head ${l.headHash.slice(0, 12)}…`;
