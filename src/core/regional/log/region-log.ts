import type { SealedEvent } from '../../../shared/domain/events';

/** The log cannot take the append now (no quorum, no connection): the command is refused, reads go on. */
export class LogUnavailableError extends Error {
  readonly code = 'unavailable';
}

/** Another writer appended first: the head moved past the one the event was sealed on. */
export class LogConflictError extends Error {
  readonly code = 'conflict';
}

/** The command an appended event decided, carried beside the event (not in its hash). */
export interface EntryCommand {
  id: string;
  /** SHA-256 of the signed envelope; null for an operator's unsigned movement. */
  envelopeHash: string | null;
}

/** One position of the log: the event, and the command that appended it when one did. */
export interface LogEntry {
  event: SealedEvent;
  command: EntryCommand | null;
}

/**
 * A region's authoritative, append-only event log. The event's seq is its position: an append
 * names the seq it follows, so concurrent writers of one region cannot fork the chain.
 */
export interface RegionLog {
  /** The seq of the last event in the log. */
  headSeq(): Promise<number>;
  /**
   * Appends `event` (sealed on seq `event.seq - 1`) with the command that decided it, so any
   * server of the region answers that command's retry; LogConflictError if the log moved on.
   */
  append(event: SealedEvent, command?: EntryCommand): Promise<void>;
  /** Entries after `afterSeq`, oldest first, at most `limit`, none past `upTo` (the log's head when omitted). */
  readAfter(afterSeq: number, limit: number, upTo?: number): Promise<LogEntry[]>;
  /**
   * False when every append this process has heard of is at or below `seq`: a hint that spares
   * a round trip before a decision (a missed append only costs a conflict, never a fork).
   */
  mayBeAhead?(seq: number): boolean;
  /**
   * Waits a moment when another server has just lost a race for the head to this one: a writer
   * whose turn is faster than a rival's catch-up would otherwise win every race and starve it.
   */
  yieldToRivals?(): Promise<void>;
  close(): Promise<void>;
}
