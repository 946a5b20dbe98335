import type { Db } from '../replica/open';
import { MAX_ENVELOPE_LIFETIME_MS } from '../../shared/domain/emergency';
import type { CommandRefusalCode } from '../../shared/protocol/command-codes';
import { ENVELOPE_CLOCK_SKEW_MS } from '../../shared/protocol/command-envelope';
import type { CommandOutcome } from './outcome';

export interface DecidedCommand {
  outcome: CommandOutcome;
  /** SHA-256 of the signed envelope; null for an unsigned draft. */
  envelopeHash: string | null;
}

export interface AuditEntry {
  time: string;
  commandId: string;
  kind: string;
  signerSubject: string | null;
  peerSubject: string;
  status: 'accepted' | 'refused';
  code: string | null;
  reason: string | null;
  seq: number | null;
}

export interface AuditRow extends AuditEntry {
  id: number;
}

/**
 * How long a used nonce is remembered. An envelope accepted at `usedAt` was issued no later than
 * usedAt + the clock skew allowed, and lives at most the envelope lifetime, so any envelope
 * carrying the nonce is refused as expired (a check made before the nonce's) once this has
 * passed: the nonce is no longer needed.
 */
export const NONCE_RETENTION_MS = MAX_ENVELOPE_LIFETIME_MS + ENVELOPE_CLOCK_SKEW_MS;

/** Nonces forgotten per command at most: more than the one each command adds, so a backlog drains. */
const NONCE_PRUNE_BATCH = 256;

interface ResultRow {
  status: string;
  code: string | null;
  reason: string | null;
  seq: number | null;
  envelope_hash: string | null;
}

/**
 * The server's record of commands: the first result of each decided command id (a retry gets it
 * back unchanged, for ever), the nonces of envelopes that could still be accepted, and the
 * append-only audit of every command received, accepted or refused. Server-local tables: never
 * part of a snapshot or state hash.
 */
export function commandLedger(db: Db, region: string) {
  const find = db.prepare<[string], ResultRow>('SELECT status, code, reason, seq, envelope_hash FROM command_results WHERE command_id = ?');
  const save = db.prepare(
    `INSERT INTO command_results (command_id, region, status, reason, seq, decided_at, code, envelope_hash)
     VALUES (@commandId, @region, @status, @reason, @seq, @decidedAt, @code, @envelopeHash)`,
  );
  const nonce = db.prepare<[string], { command_id: string }>('SELECT command_id FROM command_nonces WHERE nonce = ?');
  const saveNonce = db.prepare<[string, string, string]>('INSERT INTO command_nonces (nonce, command_id, used_at) VALUES (?, ?, ?)');
  // Rows arrive in time order, so the oldest are first in rowid order: the scan stops after a batch.
  const pruneNonces = db.prepare<[string, number]>(
    'DELETE FROM command_nonces WHERE rowid IN (SELECT rowid FROM command_nonces WHERE used_at < ? ORDER BY rowid LIMIT ?)',
  );
  const audit = db.prepare(
    `INSERT INTO command_audit (time, command_id, kind, signer_subject, peer_subject, status, code, reason, seq)
     VALUES (@time, @commandId, @kind, @signerSubject, @peerSubject, @status, @code, @reason, @seq)`,
  );
  const list = db.prepare<[number], { id: number; time: string; command_id: string; kind: string; signer_subject: string | null; peer_subject: string; status: 'accepted' | 'refused'; code: string | null; reason: string | null; seq: number | null }>(
    'SELECT * FROM command_audit WHERE id > ? ORDER BY id',
  );

  return {
    decided(commandId: string): DecidedCommand | null {
      const row = find.get(commandId);
      if (!row) return null;
      const outcome: CommandOutcome =
        row.status === 'accepted'
          ? { status: 'accepted', seq: row.seq ?? 0 }
          : { status: 'refused', code: (row.code ?? 'rejected') as CommandRefusalCode, reason: row.reason ?? 'refused' };
      return { outcome, envelopeHash: row.envelope_hash };
    },
    decide(commandId: string, outcome: CommandOutcome, envelopeHash: string | null, at: string): void {
      save.run({
        commandId,
        region,
        status: outcome.status,
        reason: outcome.status === 'refused' ? outcome.reason : null,
        seq: outcome.status === 'accepted' ? outcome.seq : null,
        decidedAt: at,
        code: outcome.status === 'refused' ? outcome.code : null,
        envelopeHash,
      });
    },
    /** The command id that already used `value`, or null. */
    nonceUsedBy: (value: string): string | null => nonce.get(value)?.command_id ?? null,
    /**
     * Records `value` as used at `at` (an ISO instant of the server clock) and forgets, in the
     * same transaction, a bounded batch of nonces older than the retention. Returns how many.
     */
    useNonce(value: string, commandId: string, at: string): number {
      saveNonce.run(value, commandId, at);
      const cutoff = new Date(Date.parse(at) - NONCE_RETENTION_MS).toISOString();
      return pruneNonces.run(cutoff, NONCE_PRUNE_BATCH).changes;
    },
    audit: (entry: AuditEntry): void => void audit.run(entry),
    auditRows(afterId = 0): AuditRow[] {
      return list.all(afterId).map((r) => ({
        id: r.id,
        time: r.time,
        commandId: r.command_id,
        kind: r.kind,
        signerSubject: r.signer_subject,
        peerSubject: r.peer_subject,
        status: r.status,
        code: r.code,
        reason: r.reason,
        seq: r.seq,
      }));
    },
  };
}

export type CommandLedger = ReturnType<typeof commandLedger>;
