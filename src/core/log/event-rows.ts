import type { SealedEvent } from '../../shared/domain/events';
import type { Db } from '../replica/open';

interface EventRow {
  region: string;
  seq: number;
  id: string;
  type: string;
  event_time: string;
  record_time: string;
  actor_subject: string;
  actor_role: string;
  instruction_id: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

function toEvent(row: EventRow): SealedEvent {
  return {
    region: row.region,
    seq: row.seq,
    id: row.id,
    type: row.type,
    eventTime: row.event_time,
    recordTime: row.record_time,
    actor: { subject: row.actor_subject, role: row.actor_role },
    instructionId: row.instruction_id,
    payload: JSON.parse(row.payload) as unknown,
    prevHash: row.prev_hash,
    hash: row.hash,
  } as SealedEvent;
}

/** Reads a region's stored log back as sealed events (what the server sends, what audits re-hash). */
export function createEventReader(db: Db) {
  const range = db.prepare<[string, number, number], EventRow>('SELECT * FROM events WHERE region = ? AND seq >= ? ORDER BY seq LIMIT ?');
  const hashAt = db.prepare<[string, number], string>('SELECT hash FROM events WHERE region = ? AND seq = ?').pluck();
  return {
    from(region: string, fromSeq: number, limit: number): SealedEvent[] {
      return range.all(region, fromSeq, limit).map(toEvent);
    },
    hashAt(region: string, seq: number): string | null {
      return hashAt.get(region, seq) ?? null;
    },
  };
}
