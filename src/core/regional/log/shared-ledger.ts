import { randomUUID } from 'node:crypto';
import type { Checkpoint } from '../../../shared/protocol/frames';
import { commandLedger, type AuditEntry } from '../../commands/command-ledger';
import type { RegionalStore } from '../regional-store';
import type { LedgerLog, LedgerRecord } from './jetstream-ledger';
import { LogUnavailableError } from './region-log';

/**
 * This server's position in the region's command ledger stream and its own name there, kept in
 * the server-local command_results table under an id no command can have (ids are at least 8
 * characters of a client's choosing, never starting with '#'), so the position moves in the
 * same transaction as the rows it projects, and a restored backup brings both back together.
 */
export const POSITION_ID = '#ledger-position';
/** Records per ledger message at most (each carries its audit rows: a message stays well under 1 MB). */
const PUBLISH_BATCH = 200;

/**
 * The region's command ledger shared by its servers: what this server decides is published
 * (in order, retried until the stream takes it), and what the others decided is projected into
 * this server's tables: refusals kept under their command id, nonces burnt, audit rows, signed
 * checkpoints. Accepted commands and their nonces also come with their events (project-commands).
 */
export function createSharedLedger(store: RegionalStore, stream: LedgerLog, log: (line: string) => void) {
  const db = store.replica.db;
  const ledger = commandLedger(db, store.region);
  const readPosition = db.prepare<[string], { seq: number | null; reason: string | null; code: string | null }>('SELECT seq, reason, code FROM command_results WHERE command_id = ?');
  // Its time moves with it, so an incremental backup (rows decided since the previous one) carries it.
  const writePosition = db.prepare<[number, string, string]>('UPDATE command_results SET seq = ?, decided_at = ? WHERE command_id = ?');
  let row = readPosition.get(POSITION_ID);
  if (!row) {
    db.prepare(`INSERT INTO command_results (command_id, region, status, reason, seq, decided_at) VALUES (?, ?, 'position', ?, 0, ?)`).run(
      POSITION_ID,
      store.region,
      `${store.region}/${randomUUID()}`,
      new Date().toISOString(),
    );
    row = readPosition.get(POSITION_ID);
  }
  // No name: a restored store, whose former self's records after the backup are to be read back.
  let origin = row?.reason ?? `${store.region}/${randomUUID()}`;
  let position = row?.seq ?? 0;
  /** The ledger stream the position was taken in (null before one was recorded). */
  const positionStream = row?.code ?? null;

  const result = db.prepare(
    `INSERT OR IGNORE INTO command_results (command_id, region, status, reason, seq, decided_at, code, envelope_hash)
     VALUES (@commandId, @region, @status, @reason, @seq, @decidedAt, @code, @envelopeHash)`,
  );
  const nonce = db.prepare<[string, string, string]>('INSERT OR IGNORE INTO command_nonces (nonce, command_id, used_at) VALUES (?, ?, ?)');
  const ownResult = db.prepare<[string], { status: 'accepted' | 'refused'; code: string | null; reason: string | null; seq: number | null; envelope_hash: string | null; decided_at: string }>(
    'SELECT status, code, reason, seq, envelope_hash, decided_at FROM command_results WHERE command_id = ?',
  );
  const ownNonce = db.prepare<[string], { nonce: string; used_at: string }>('SELECT nonce, used_at FROM command_nonces WHERE command_id = ?');
  const lastAudit = db.prepare<[], number>('SELECT COALESCE(MAX(id), 0) FROM command_audit').pluck();

  const project = (batches: { seq: number; records: LedgerRecord[] }[]) =>
    db.transaction(() => {
      for (const { seq, records } of batches) for (const record of records) {
        // A consumer reset after a reconnect may deliver a batch again: once only.
        if (seq <= position) continue;
        position = seq;
        if (record.origin === origin) continue;
        if (record.commandId && record.result) result.run({ commandId: record.commandId, region: store.region, ...record.result });
        if (record.commandId && record.nonce) nonce.run(record.nonce.value, record.commandId, record.nonce.usedAt);
        for (const entry of record.audit) ledger.audit(entry);
        if (record.checkpoint) store.checkpoints.save(record.checkpoint);
      }
      writePosition.run(position, new Date().toISOString(), POSITION_ID);
    })();

  /** Records waiting for the stream, in order, each with who waits for it. */
  const outbox: { record: LedgerRecord; settled: () => void }[] = [];
  /** Batches delivered by the stream, not projected yet. */
  const arrived: { seq: number; records: LedgerRecord[] }[] = [];
  let flushing: Promise<void> | null = null;
  /** Publishes the waiting records in order; one the stream refuses now waits for the next flush. */
  const flush = (): Promise<void> => {
    flushing ??= (async () => {
      try {
        // Everything waiting goes in one message: one round trip however busy the server is.
        while (outbox.length > 0) {
          const batch = outbox.slice(0, PUBLISH_BATCH);
          await stream.publish(batch.map((entry) => entry.record));
          outbox.splice(0, batch.length);
          for (const entry of batch) entry.settled();
        }
      } catch (err) {
        log(`command ledger: ${outbox.length} record(s) wait for the region log: ${(err as Error).message}`);
        // Nobody waits on an outage: the records stay queued for the next flush.
        for (const entry of outbox) entry.settled();
      } finally {
        flushing = null;
      }
    })();
    return flushing;
  };
  /** Queues `record`; resolves once it is published (or the stream refused it for now), not when the queue drains. */
  const enqueue = (record: LedgerRecord): Promise<void> =>
    new Promise((resolve) => {
      outbox.push({ record, settled: resolve });
      void flush();
    });

  return {
    get origin() {
      return origin;
    },
    /** Projects what the region's other servers decided, as far as it has arrived; returns how many batches. */
    catchUp(): Promise<number> {
      const batches = arrived.splice(0);
      if (batches.length > 0) project(batches);
      return Promise.resolve(batches.length);
    },
    /**
     * Waits (at most `waitMs`) for the consumer to deliver up to the stream's head as it is now, so
     * a signed command sees the nonces other servers burnt; a consumer that lags (it resumes by
     * itself after a leader change) delays the command no longer than that.
     */
    async catchUpToHead(waitMs = 200): Promise<number> {
      const head = await stream.headSeq();
      let projected = 0;
      for (const until = Date.now() + waitMs; ; ) {
        projected += await this.catchUp();
        if (position >= head || Date.now() > until) return projected;
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    /** Starts following the ledger stream and projects it up to the head it has now. */
    async start(): Promise<number> {
      // A store restored onto a new cluster (or a ledger stream made again): its position and its
      // name belong to the old stream; every record of the new one is new to it.
      const streamId = await stream.identity();
      if (positionStream !== null && positionStream !== streamId) {
        log(`command ledger: a new ledger stream (created ${streamId}); read from its start instead of position ${position} of the one created ${positionStream}`);
        position = 0;
        origin = `${store.region}/${randomUUID()}`;
      }
      db.prepare('UPDATE command_results SET seq = ?, reason = ?, code = ? WHERE command_id = ?').run(position, origin, streamId, POSITION_ID);
      await stream.follow(position, (batch) => arrived.push(batch));
      const head = await stream.headSeq();
      const projected = await this.catchUpToHead(30_000);
      if (position < head) throw new LogUnavailableError(`command ledger: still at ${position} of ${head} after 30 s`);
      return projected;
    },
    /** Where this server's audit stands before a command, to publish what the command adds. */
    mark: () => ({ audit: lastAudit.get() ?? 0 }),
    /** Queues what deciding `commandId` wrote here (result, nonce, audit rows after `mark`) and publishes it. */
    decided(commandId: string, mark: { audit: number }): Promise<void> {
      const own = ownResult.get(commandId);
      const used = ownNonce.get(commandId);
      const audit: AuditEntry[] = ledger.auditRows(mark.audit).map(({ id: _id, ...entry }) => entry);
      return enqueue({
        origin,
        commandId,
        result: own ? { status: own.status, code: own.code, reason: own.reason, seq: own.seq, envelopeHash: own.envelope_hash, decidedAt: own.decided_at } : null,
        nonce: used ? { value: used.nonce, usedAt: used.used_at } : null,
        audit,
        checkpoint: null,
      });
    },
    checkpoint(checkpoint: Checkpoint): Promise<void> {
      return enqueue({ origin, commandId: null, result: null, nonce: null, audit: [], checkpoint });
    },
    flush,
    pending: () => outbox.length,
  };
}

export type SharedLedger = ReturnType<typeof createSharedLedger>;
