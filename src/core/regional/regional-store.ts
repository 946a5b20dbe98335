import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { eventDraftSchema, type EventDraft, type SealedEvent } from '../../shared/domain/events';
import { sealEvent } from '../chain/seal';
import { createCheckpointStore } from '../checkpoint/checkpoints';
import { createEventReader } from '../log/event-rows';
import { ChainError, ProjectionError } from '../projector/errors';
import { ensureKeyFile } from '../replica/key-file';
import { openReplica, type Replica } from '../replica/replica';
import { regionStateHash } from '../replica/state-hash';

export const STORE_FILE = 'store.db';
export const STORE_KEY_FILE = 'store.key';

/** A refusal's code: `malformed` (the draft fails its schema) or `rejected` (the log's rules refuse it). */
type StoredResult = { status: string; code: string | null; reason: string | null; seq: number | null };

/**
 * Page cache of the server's store (KiB). Clients catch up on the newest stretch of the log,
 * often several after the same outage: decrypting those pages again for every frame sent cost
 * more than building the frame. The default (16 MiB) holds about 25,000 events.
 */
const STORE_PAGE_CACHE_KIB = 128 * 1024;

export type AppendRefusalCode = 'malformed' | 'rejected';
export type AppendResult = { status: 'accepted'; seq: number } | { status: 'refused'; code: AppendRefusalCode; reason: string };

/**
 * A regional server's own encrypted store: the authoritative log of its region (plus the
 * national reference log it depends on), projected by the same projector as the replica.
 */
export function openRegionalStore(dataDir: string, region: string) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const { key } = ensureKeyFile(join(dataDir, STORE_KEY_FILE));
  const replica: Replica = openReplica(join(dataDir, STORE_FILE), key, { create: true });
  replica.db.pragma(`cache_size = -${STORE_PAGE_CACHE_KIB}`);
  const reader = createEventReader(replica.db);
  const checkpoints = createCheckpointStore(replica.db);
  const findResult = replica.db.prepare<[string], StoredResult>('SELECT status, code, reason, seq FROM command_results WHERE command_id = ?');
  const saveResult = replica.db.prepare(
    'INSERT INTO command_results (command_id, region, status, code, reason, seq, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );

  /** Told of every event sealed and projected here (the shared-log path checks it against the log). */
  let sealedObserver: ((event: SealedEvent) => void) | null = null;

  const decide = (draft: unknown, now: Date): AppendResult => {
    const parsed = eventDraftSchema.safeParse(draft);
    if (!parsed.success) {
      return { status: 'refused', code: 'malformed', reason: `invalid event: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
    }
    const valid = parsed.data as EventDraft;
    if (valid.region !== region) return { status: 'refused', code: 'rejected', reason: `event for region ${valid.region} sent to the server of ${region}` };
    try {
      const sealed = sealEvent(valid, replica.projector.headOf(region), now.toISOString());
      replica.projector.applyBatch(region, [sealed]);
      sealedObserver?.(sealed);
      return { status: 'accepted', seq: sealed.seq };
    } catch (err) {
      const reason = refusalReason(err);
      if (reason === null) throw err;
      return { status: 'refused', code: 'rejected', reason };
    }
  };

  // A refusal stored before its code was (code null) reads as `rejected`.
  const toResult = (row: StoredResult): AppendResult =>
    row.status === 'accepted'
      ? { status: 'accepted', seq: row.seq ?? 0 }
      : { status: 'refused', code: row.code === 'malformed' ? 'malformed' : 'rejected', reason: row.reason ?? 'refused' };

  return {
    replica,
    region,
    head: () => replica.projector.headOf(region),
    eventsFrom: (fromSeq: number, limit: number): SealedEvent[] => reader.from(region, fromSeq, limit),
    /** The `events` frame from `fromSeq` as UTF-8 bytes, spliced from the stored rows (null when none). */
    eventsFrame: (fromSeq: number, limit: number) => reader.frameBytes(region, fromSeq, limit),
    hashAt: (seq: number) => reader.hashAt(region, seq),
    checkpoints,
    stateHash: () => regionStateHash(replica.db, region),
    /**
     * Validates, seals and projects one draft without recording a command result: for a caller
     * that records its own (signed commands) inside its own transaction.
     */
    record: (draft: unknown, now: Date): AppendResult => decide(draft, now),

    /**
     * Validates, seals and projects one draft; the outcome is recorded under `commandId`
     * in the same transaction, so a retried command returns its first result and changes nothing.
     */
    append(commandId: string, draft: unknown, now = new Date()): AppendResult {
      return replica.db.transaction((): AppendResult => {
        const previous = findResult.get(commandId);
        if (previous) return toResult(previous);
        const result = decide(draft, now);
        const refusal = result.status === 'refused' ? result : null;
        const seq = result.status === 'accepted' ? result.seq : null;
        saveResult.run(commandId, region, result.status, refusal?.code ?? null, refusal?.reason ?? null, seq, now.toISOString());
        return result;
      }).immediate();
    },
    observeSealed: (observer: ((event: SealedEvent) => void) | null) => {
      sealedObserver = observer;
    },
    close: () => replica.close(),
  };
}

export type RegionalStore = ReturnType<typeof openRegionalStore>;

/** Refusals the projector raises become a reason; anything else is a fault. */
export function refusalReason(err: unknown): string | null {
  if (err instanceof ProjectionError || err instanceof ChainError) return err.reason;
  return null;
}
