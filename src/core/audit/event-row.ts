import { hash } from 'node:crypto';
import { chainLinkText, eventContentText } from '../../shared/domain/canonical';
import type { SealedEvent } from '../../shared/domain/events';

/**
 * A stored event as the audit reads it: raw columns, never parsed into a domain object, so
 * what is hashed is exactly the bytes on disk (the payload column is the canonical text).
 */
export const EVENT_COLUMNS =
  'seq, id, type, event_time, record_time, actor_subject, actor_role, instruction_id, payload, prev_hash, hash';

export type EventRow = [
  seq: number,
  id: string,
  type: string,
  eventTime: string,
  recordTime: string,
  actorSubject: string,
  actorRole: string,
  instructionId: string | null,
  payload: string,
  prevHash: string,
  hash: string,
];

export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/** The bytes the content id is taken over, rebuilt from the row. */
export function rowContentText(region: string, row: EventRow): string {
  return eventContentText(
    { region, type: row[2], eventTime: row[3], actor: { subject: row[5], role: row[6] }, instructionId: row[7] },
    row[8],
  );
}

/** The chain hash the row would have at `seq` (its own, or another when probing a move). */
export function rowLinkHash(row: EventRow, seq = row[0], prevHash = row[9]): string {
  return sha256Hex(chainLinkText({ prevHash, seq, recordTime: row[4], id: row[1] }));
}

/** The row as a sealed event (payload parsed), for replays and exports. */
export function eventOfRow(region: string, r: EventRow): SealedEvent {
  return {
    region,
    seq: r[0],
    id: r[1],
    type: r[2],
    eventTime: r[3],
    recordTime: r[4],
    actor: { subject: r[5], role: r[6] },
    instructionId: r[7],
    payload: JSON.parse(r[8]) as unknown,
    prevHash: r[9],
    hash: r[10],
  } as SealedEvent;
}
