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

const str = JSON.stringify;

/** A stored row for forwarding: every column as text, the payload as its stored UTF-8 bytes. */
type ForwardRow = [string, number, string, string, string, string, string, string, string | null, Buffer, string, string];

/**
 * Writes a stored row as the JSON text of its sealed event, the payload's stored bytes copied
 * in (the canonical text the projector wrote): the same bytes as JSON.stringify(toEvent(row)),
 * since canonical JSON parsed and stringified again is itself. Returns the new offset.
 */
function writeEvent(out: Buffer, at: number, r: ForwardRow): number {
  const [region, seq, id, type, eventTime, recordTime, subject, role, instructionId, payload, prevHash, hash] = r;
  at += out.write(
    `{"region":${str(region)},"seq":${seq},"id":${str(id)},"type":${str(type)},"eventTime":${str(eventTime)},` +
      `"recordTime":${str(recordTime)},"actor":{"subject":${str(subject)},"role":${str(role)}},` +
      `"instructionId":${str(instructionId)},"payload":`,
    at,
  );
  at += payload.copy(out, at);
  return at + out.write(`,"prevHash":${str(prevHash)},"hash":${str(hash)}}`, at);
}

/** Room for a row's event text: UTF-8 takes at most 3 bytes per UTF-16 unit of the other columns. */
function roomFor(r: ForwardRow): number {
  let units = 200;
  for (const v of r) units += typeof v === 'string' ? v.length : 0;
  return units * 3 + r[9].length;
}

/** An `events` frame as UTF-8 JSON text, ready to send, with the last seq it carries. */
export interface EventsFrameBytes {
  bytes: Buffer;
  count: number;
  lastSeq: number;
}

/** Reads a region's stored log back as sealed events (what the server sends, what audits re-hash). */
export function createEventReader(db: Db) {
  const range = db.prepare<[string, number, number], EventRow>('SELECT * FROM events WHERE region = ? AND seq >= ? ORDER BY seq LIMIT ?');
  const hashAt = db.prepare<[string, number], string>('SELECT hash FROM events WHERE region = ? AND seq = ?').pluck();
  const forward = db
    .prepare<[string, number, number], ForwardRow>(
      `SELECT region, seq, id, type, event_time, record_time, actor_subject, actor_role, instruction_id,
         CAST(payload AS BLOB), prev_hash, hash FROM events WHERE region = ? AND seq >= ? ORDER BY seq LIMIT ?`,
    )
    .raw();
  return {
    from(region: string, fromSeq: number, limit: number): SealedEvent[] {
      return range.all(region, fromSeq, limit).map(toEvent);
    },
    /**
     * The `events` frame of up to `limit` events from `fromSeq` as UTF-8 bytes; null when there
     * are none. What the server only forwards is neither decoded nor parsed nor serialised again:
     * the payload goes from the page to the wire as stored.
     */
    frameBytes(region: string, fromSeq: number, limit: number): EventsFrameBytes | null {
      const rows = forward.all(region, fromSeq, limit);
      const last = rows.at(-1);
      if (!last) return null;
      const head = `{"type":"events","region":${str(region)},"fromSeq":${fromSeq},"events":[`;
      let room = head.length * 3 + 2;
      for (const r of rows) room += roomFor(r) + 1;
      const out = Buffer.allocUnsafe(room);
      let at = out.write(head, 0);
      for (let i = 0; i < rows.length; i++) {
        if (i > 0) at += out.write(',', at);
        at = writeEvent(out, at, rows[i] as ForwardRow);
      }
      at += out.write(']}', at);
      return { bytes: out.subarray(0, at), count: rows.length, lastSeq: last[1] };
    },
    hashAt(region: string, seq: number): string | null {
      return hashAt.get(region, seq) ?? null;
    },
  };
}
