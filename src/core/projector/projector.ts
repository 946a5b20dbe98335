import { canonicalJson } from '../../shared/domain/canonical';
import type { SealedEvent } from '../../shared/domain/events';
import { chainBreak, EMPTY_HEAD, type ChainHead } from '../chain/seal';
import type { Db } from '../replica/open';
import { createBatchState } from './batch-state';
import { ChainError, ProjectionError } from './errors';
import { projectEvent, Refusal } from './project-event';
import { prepareProjectorStatements } from './statements';

export interface ApplyOutcome {
  applied: number;
  /** Events at or below the head that were already there (same hash): re-delivery is a no-op. */
  skipped: number;
  head: ChainHead;
}

/**
 * The only writer of projected state: verifies each event continues its region's chain,
 * folds it into the tables and appends it to the log, all of a batch in one transaction.
 */
export function createProjector(db: Db) {
  const s = prepareProjectorStatements(db);
  const b = createBatchState(s);

  const headOf = (region: string): ChainHead => {
    const row = s.head.get(region);
    return row ? { seq: row.last_seq, hash: row.head_hash } : EMPTY_HEAD;
  };

  const applyOne = (event: SealedEvent, head: ChainHead): void => {
    const payloadText = canonicalJson(event.payload);
    const broken = chainBreak(event, head, payloadText);
    if (broken) throw new ChainError(event.region, event.seq, broken);
    try {
      projectEvent(s, b, event);
    } catch (err) {
      if (err instanceof Refusal) throw new ProjectionError(event.region, event.seq, err.message);
      throw err;
    }
    s.insertEvent.run(
      event.region,
      event.seq,
      event.id,
      event.type,
      event.eventTime,
      event.recordTime,
      event.actor.subject,
      event.actor.role,
      event.instructionId,
      payloadText,
      event.prevHash,
      event.hash,
    );
  };

  const applyInTransaction = (region: string, events: readonly SealedEvent[]): ApplyOutcome => {
    let head = headOf(region);
    let applied = 0;
    let skipped = 0;
    let newest: string | null = null;
    for (const event of events) {
      if (event.region !== region) throw new ChainError(region, event.seq, `event of region ${event.region} in a batch for ${region}`);
      if (event.seq <= head.seq) {
        const stored = s.storedHash.get(region, event.seq);
        if (stored?.hash !== event.hash) throw new ChainError(region, event.seq, 'differs from the event already stored at this seq (fork)');
        skipped++;
        continue;
      }
      applyOne(event, head);
      head = { seq: event.seq, hash: event.hash };
      if (newest === null || event.eventTime > newest) newest = event.eventTime;
      applied++;
    }
    b.flush();
    if (applied > 0 && newest !== null) s.upsertHead.run(region, head.seq, head.hash, newest);
    return { applied, skipped, head };
  };

  const applyBatch = db.transaction((region: string, events: readonly SealedEvent[]): ApplyOutcome => {
    b.clear();
    try {
      return applyInTransaction(region, events);
    } finally {
      // Whether the batch committed or rolls back, nothing of it is kept in memory.
      b.clear();
    }
  });

  return { applyBatch, headOf };
}

export type Projector = ReturnType<typeof createProjector>;
