import type { AlertRecord, TraceEvent } from '../../shared/contract/trace-schemas';
import { GENESIS_HASH } from '../../shared/domain/events';
import { EVENT_COLUMNS, rowContentText, rowLinkHash, sha256Hex, type EventRow } from '../audit/event-row';
import type { Db } from '../replica/open';
import { LOT_EVENT_TYPES_SQL } from '../replica/migrations/004-lifecycle-alerts';
import { eventPlace, stockDeltas } from './stock-deltas';

type RegionRow = [region: string, ...row: EventRow];
const COLUMNS = `region, ${EVENT_COLUMNS}`;
/** The same expression as the events_lot index, so lookups use it. */
const LOT_OF = `coalesce(json_extract(payload, '$.lotId'), json_extract(payload, '$.adjustment.lotId'))`;

interface AlertRow {
  id: string;
  kind: string;
  severity: string;
  region: string;
  depot: string | null;
  lot: string | null;
  seq: number;
  raised_at: string;
  cleared_at: string | null;
  cleared_by_seq: number | null;
  detail: string;
}

export function toAlertRecord(r: AlertRow): AlertRecord {
  return {
    id: r.id,
    kind: r.kind,
    severity: r.severity,
    region: r.region,
    depot: r.depot,
    lot: r.lot,
    seq: r.seq,
    raisedAt: r.raised_at,
    clearedAt: r.cleared_at,
    clearedBySeq: r.cleared_by_seq,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  };
}

/** Stored events as trace entries: who, when, where, what moved, and whether the hashes hold. */
export function createTraceRows(db: Db) {
  const byLot = db.prepare<[string], RegionRow>(`SELECT ${COLUMNS} FROM events WHERE ${LOT_OF} = ? AND type IN (${LOT_EVENT_TYPES_SQL})`).raw();
  const byNewLot = db.prepare<[string], RegionRow>(`SELECT ${COLUMNS} FROM events WHERE json_extract(payload, '$.newLot.lotId') = ? AND type = 'stock.rotated'`).raw();
  // Corrections that only declare an error carry no lot; they are few and found through the same index.
  const bareCorrections = db.prepare<[string], RegionRow>(`SELECT ${COLUMNS} FROM events INDEXED BY events_lot WHERE ${LOT_OF} IS NULL AND type IN (${LOT_EVENT_TYPES_SQL}) AND region = ?`).raw();
  const byInstruction = db.prepare<[string], RegionRow>(`SELECT ${COLUMNS} FROM events WHERE instruction_id = ?`).raw();
  const at = db.prepare<[string, number], RegionRow>(`SELECT ${COLUMNS} FROM events WHERE region = ? AND seq = ?`).raw();
  const hashAt = db.prepare<[string, number], string>('SELECT hash FROM events WHERE region = ? AND seq = ?').pluck();
  const alertsOfLot = db.prepare<[string], AlertRow>('SELECT * FROM alerts WHERE lot = ? ORDER BY region, seq, id');
  const alertsAt = db.prepare<[string, number], AlertRow>('SELECT * FROM alerts WHERE region = ? AND seq = ? ORDER BY id');

  const toTraceEvent = ([region, ...row]: RegionRow): TraceEvent => {
    const [seq, id, type, eventTime, recordTime, subject, role, instructionId, payloadText, prevHash, hash] = row;
    const payload = JSON.parse(payloadText) as Record<string, unknown>;
    const notes: string[] = [];
    if (sha256Hex(rowContentText(region, row)) !== id) notes.push('content does not match its id');
    if (rowLinkHash(row) !== hash) notes.push('hash does not match its link');
    const before = seq === 1 ? GENESIS_HASH : hashAt.get(region, seq - 1);
    let chainNote: string | null = null;
    if (before === undefined) chainNote = `seq ${seq - 1} is not held here (replica from a snapshot)`;
    else if (before !== prevHash) notes.push(`prevHash is not the hash of seq ${seq - 1}`);
    return {
      region,
      seq,
      id,
      type,
      eventTime,
      recordTime,
      actor: { subject, role },
      instructionId,
      ...eventPlace(type, payload),
      deltas: stockDeltas(type, payload),
      payload,
      hash,
      chain: notes.length > 0 ? 'broken' : 'ok',
      chainNote: notes.length > 0 ? notes.join('; ') : chainNote,
    };
  };

  const sorted = (rows: RegionRow[]) =>
    rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1])).map(toTraceEvent);

  return {
    /** Every event naming the lot, the rotation that created it, and corrections citing any of them. */
    ofLot(lotId: string): TraceEvent[] {
      const rows = [...byLot.all(lotId), ...byNewLot.all(lotId)];
      const cited = new Set(rows.map((r) => `${r[0]}:${r[1]}`));
      for (const region of new Set(rows.map((r) => r[0]))) {
        for (const c of bareCorrections.all(region)) {
          const refs = (JSON.parse(c[9]) as { corrects?: { seq: number }[] }).corrects ?? [];
          if (refs.some((ref) => cited.has(`${region}:${ref.seq}`))) rows.push(c);
        }
      }
      return sorted(rows);
    },
    ofInstruction(id: string): TraceEvent[] {
      return sorted(byInstruction.all(id));
    },
    at(region: string, seq: number): TraceEvent | null {
      const row = at.get(region, seq);
      return row ? toTraceEvent(row) : null;
    },
    alertsOfLot: (lotId: string) => alertsOfLot.all(lotId).map(toAlertRecord),
    alertsAt: (region: string, seq: number) => alertsAt.all(region, seq).map(toAlertRecord),
  };
}

export type TraceRows = ReturnType<typeof createTraceRows>;
