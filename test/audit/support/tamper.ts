import { sealEvent } from '../../../src/core/chain/seal';
import type { Db } from '../../../src/core/replica/open';
import { canonicalJson } from '../../../src/shared/domain/canonical';
import { GENESIS_HASH, type EventDraft } from '../../../src/shared/domain/events';

/**
 * What someone with the key could do to the stored log, straight through SQLite. Each
 * returns the seq an audit must name and the kinds it may name it as.
 */
export type Tamper =
  | { op: 'edit'; seq: number; column: EditableColumn; at: number }
  | { op: 'reseal'; seq: number }
  | { op: 'delete'; seq: number; renumber: boolean }
  | { op: 'insert'; seq: number; forged: boolean }
  | { op: 'swap'; seq: number; other: number }
  | { op: 'truncate'; count: number };

export const EDITABLE_COLUMNS = ['id', 'type', 'event_time', 'record_time', 'actor_subject', 'actor_role', 'instruction_id', 'payload', 'prev_hash', 'hash'] as const;
export type EditableColumn = (typeof EDITABLE_COLUMNS)[number];

export interface Expectation {
  seq: number;
  kinds: string[];
}

/** One character changed: a hex digit for hashes, the next code point otherwise. */
function changeOne(value: string | null, at: number, hex: boolean): string {
  if (value === null || value.length === 0) return 'X';
  const i = at % value.length;
  const c = value[i] as string;
  const next = hex ? (c === '0' ? '1' : '0') : String.fromCharCode(c.charCodeAt(0) === 0x7e ? 0x21 : c.charCodeAt(0) + 1);
  return value.slice(0, i) + next + value.slice(i + 1);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Moves rows with seq ≥ from by `delta`, through negative seqs so the key never collides. */
function shift(db: Db, region: string, from: number, delta: number): void {
  db.prepare('UPDATE events SET seq = -seq WHERE region = ? AND seq >= ?').run(region, from);
  db.prepare('UPDATE events SET seq = -seq + ? WHERE region = ? AND seq < 0').run(delta, region);
}

function hashAt(db: Db, region: string, seq: number): string {
  if (seq === 0) return GENESIS_HASH;
  return db.prepare<[string, number], string>('SELECT hash FROM events WHERE region = ? AND seq = ?').pluck().get(region, seq) ?? GENESIS_HASH;
}

function intruder(region: string): EventDraft {
  return {
    region,
    type: 'stock.issued',
    eventTime: '2025-01-01T00:00:00Z',
    actor: { subject: 'CN=intruder,OU=000000', role: 'depot-operator' },
    instructionId: 'I-FORGED',
    payload: { lotId: 'L-FORGED', depot: 'D-FORGED', quantity: 1, recipient: 'nobody' },
  };
}

export function applyTamper(db: Db, region: string, last: number, t: Tamper): Expectation {
  const insertRow = db.prepare(
    `INSERT INTO events (region, seq, id, type, event_time, record_time, actor_subject, actor_role, instruction_id, payload, prev_hash, hash)
     VALUES (@region, @seq, @id, @type, @eventTime, @recordTime, @subject, @role, @instructionId, @payload, @prevHash, @hash)`,
  );
  switch (t.op) {
    case 'edit': {
      const value = db.prepare<[string, number], string | null>(`SELECT ${t.column} FROM events WHERE region = ? AND seq = ?`).pluck().get(region, t.seq) ?? null;
      const hex = t.column === 'id' || t.column === 'prev_hash' || t.column === 'hash';
      let changed = changeOne(value, t.at, hex);
      // The store indexes payloads as JSON; a forger keeps them parseable.
      for (let at = t.at + 1; t.column === 'payload' && !isJson(changed); at++) changed = changeOne(value, at, hex);
      db.prepare(`UPDATE events SET ${t.column} = ? WHERE region = ? AND seq = ?`).run(changed, region, t.seq);
      return { seq: t.seq, kinds: ['edited'] };
    }
    case 'reseal': {
      // Edited and sealed again with a valid id and hash: only its successor (or the head) still knows.
      const row = db.prepare<[string, number], Record<string, string | null>>('SELECT * FROM events WHERE region = ? AND seq = ?').get(region, t.seq);
      if (!row) throw new Error(`no seq ${t.seq}`);
      const draft = {
        region,
        type: row.type,
        eventTime: row.event_time,
        actor: { subject: row.actor_subject, role: row.actor_role },
        instructionId: row.instruction_id,
        payload: { ...(JSON.parse(row.payload ?? '{}') as object), note: 'rewritten' },
      } as unknown as EventDraft;
      const sealed = sealEvent(draft, { seq: t.seq - 1, hash: row.prev_hash ?? '' }, row.record_time ?? '');
      db.prepare('UPDATE events SET payload = ?, id = ?, hash = ? WHERE region = ? AND seq = ?').run(canonicalJson(draft.payload), sealed.id, sealed.hash, region, t.seq);
      return { seq: t.seq, kinds: ['edited', 'head', 'checkpoint'] };
    }
    case 'delete': {
      db.prepare('DELETE FROM events WHERE region = ? AND seq = ?').run(region, t.seq);
      if (t.renumber) shift(db, region, t.seq + 1, -1);
      return { seq: t.seq, kinds: t.seq === last ? ['truncated'] : ['missing'] };
    }
    case 'insert': {
      const draft = intruder(region);
      const sealed = t.forged
        ? sealEvent(draft, { seq: t.seq - 1, hash: hashAt(db, region, t.seq - 1) }, '2025-01-01T00:00:01Z')
        : { ...sealEvent(draft, { seq: t.seq - 1, hash: GENESIS_HASH }, '2025-01-01T00:00:01Z'), prevHash: 'f'.repeat(64) };
      shift(db, region, t.seq, 1);
      insertRow.run({
        region,
        seq: t.seq,
        id: sealed.id,
        type: sealed.type,
        eventTime: sealed.eventTime,
        recordTime: sealed.recordTime,
        subject: sealed.actor.subject,
        role: sealed.actor.role,
        instructionId: sealed.instructionId,
        payload: canonicalJson(sealed.payload),
        prevHash: sealed.prevHash,
        hash: sealed.hash,
      });
      return { seq: t.seq, kinds: ['inserted'] };
    }
    case 'swap': {
      const move = db.prepare('UPDATE events SET seq = ? WHERE region = ? AND seq = ?');
      move.run(-1, region, t.seq);
      move.run(t.seq, region, t.other);
      move.run(t.other, region, -1);
      return { seq: Math.min(t.seq, t.other), kinds: ['reordered'] };
    }
    case 'truncate': {
      db.prepare('DELETE FROM events WHERE region = ? AND seq > ?').run(region, last - t.count);
      return { seq: last - t.count + 1, kinds: ['truncated'] };
    }
  }
}
