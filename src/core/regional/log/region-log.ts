import type { SealedEvent } from '../../../shared/domain/events';

/** The log cannot take the append now (no quorum, no connection): the command is refused, reads go on. */
export class LogUnavailableError extends Error {
  readonly code = 'unavailable';
}

/** Another writer appended first: the head moved past the one the event was sealed on. */
export class LogConflictError extends Error {
  readonly code = 'conflict';
}

/**
 * A region's authoritative, append-only event log. The event's seq is its position: an append
 * names the seq it follows, so concurrent writers of one region cannot fork the chain.
 */
export interface RegionLog {
  /** The seq of the last event in the log. */
  headSeq(): Promise<number>;
  /** Appends `event` (sealed on seq `event.seq - 1`); LogConflictError if the log moved on. */
  append(event: SealedEvent): Promise<void>;
  /** Events after `afterSeq`, oldest first, at most `limit`. */
  readAfter(afterSeq: number, limit: number): Promise<SealedEvent[]>;
  close(): Promise<void>;
}
