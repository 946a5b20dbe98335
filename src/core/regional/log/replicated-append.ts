import { eventDraftSchema, type EventDraft, type SealedEvent } from '../../../shared/domain/events';
import { sealEvent } from '../../chain/seal';
import { refusalReason, type AppendResult, type RegionalStore } from '../regional-store';
import { commandRecorder } from './project-commands';
import { LogConflictError, LogUnavailableError, type RegionLog } from './region-log';

export type ReplicatedAppendResult = AppendResult | { status: 'refused'; code: 'unavailable'; reason: string };

const CATCH_UP_BATCH = 500;

/**
 * Projects the events the log holds past the store's head, up to the head the log has when the
 * catch-up starts: never chasing a head that other servers keep moving, which under steady load
 * would hold this server's command queue for as long as they write. Returns how many it projected.
 */
export async function catchUp(store: RegionalStore, log: RegionLog): Promise<number> {
  let projected = 0;
  const record = commandRecorder(store);
  const target = await log.headSeq();
  while (store.head().seq < target) {
    const entries = await log.readAfter(store.head().seq, CATCH_UP_BATCH, target);
    if (entries.length === 0) return projected;
    store.replica.db.transaction(() => {
      // The projector checks each link: a log that forked from this projection is refused, not merged.
      store.replica.projector.applyBatch(store.region, entries.map((e) => e.event));
      record(entries);
    })();
    projected += entries.length;
  }
  return projected;
}

class Undo extends Error {}

/** Seals and validates `draft` on the projection's head without keeping it: the decision alone. */
function decideOnHead(store: RegionalStore, draft: EventDraft, now: Date): { sealed: SealedEvent } | { reason: string } {
  let sealed: SealedEvent | null = null;
  try {
    store.replica.db.transaction(() => {
      sealed = sealEvent(draft, store.head(), now.toISOString());
      store.replica.projector.applyBatch(store.region, [sealed]);
      throw new Undo();
    })();
  } catch (err) {
    if (!(err instanceof Undo)) {
      const reason = refusalReason(err);
      if (reason === null) throw err;
      return { reason };
    }
  }
  if (!sealed) throw new Error('no event sealed');
  return { sealed };
}

/**
 * Appends one draft through the shared log: decided on the projection's head, appended only if
 * that head is still the log's; when another server appended first, the projection catches up
 * and the draft is decided again on the new head (the decision depends only on that state).
 */
export async function appendViaLog(store: RegionalStore, log: RegionLog, draft: unknown, now = new Date(), maxAttempts = 50): Promise<ReplicatedAppendResult> {
  const parsed = eventDraftSchema.safeParse(draft);
  if (!parsed.success) {
    return { status: 'refused', code: 'malformed', reason: `invalid event: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  }
  const valid = parsed.data as EventDraft;
  if (valid.region !== store.region) return { status: 'refused', code: 'rejected', reason: `event for region ${valid.region} sent to the server of ${store.region}` };
  try {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      await log.yieldToRivals?.();
      await catchUp(store, log);
      const decision = decideOnHead(store, valid, now);
      if ('reason' in decision) return { status: 'refused', code: 'rejected', reason: decision.reason };
      try {
        await log.append(decision.sealed);
      } catch (err) {
        if (err instanceof LogConflictError) continue;
        throw err;
      }
      await catchUp(store, log);
      return { status: 'accepted', seq: decision.sealed.seq };
    }
    return { status: 'refused', code: 'unavailable', reason: `region log: still contended after ${maxAttempts} attempts` };
  } catch (err) {
    if (err instanceof LogUnavailableError) return { status: 'refused', code: 'unavailable', reason: err.message };
    throw err;
  }
}
