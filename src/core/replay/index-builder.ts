import type { Db } from '../replica/open';
import { movesOf, REFERENCE_TYPES, referenceKey, type LotInfo } from './moves';

/** A clock mark every this many events of a region. */
export const CLOCK_STEP = 64;
/** A seek catches the index up itself when at most this many events are new; more is the background build's work. */
export const CATCH_UP_INLINE = 50_000;
/** Above this many events to index, every lot's category, region and expiry are read in one pass. */
const PRELOAD_LOTS_ABOVE = 100_000;

export interface IndexProgress {
  /** Events indexed and events in the log (both over every region). */
  indexed: number;
  total: number;
  complete: boolean;
  /** A seek can be answered now: what is left to index (live events just synced) the seek indexes itself. */
  ready: boolean;
}

interface ProgressRow {
  region: string;
  base_seq: number;
  seq: number;
  hash: string;
  record_ms: number;
  event_max: string;
}
type EventRow = { seq: number; type: string; record_time: string; event_time: string; payload: string; hash: string };

function prepare(db: Db) {
  return {
    heads: db.prepare<[], { region: string; last_seq: number }>('SELECT region, last_seq FROM region_heads ORDER BY region'),
    progress: db.prepare<[string], ProgressRow>('SELECT region, base_seq, seq, hash, record_ms, event_max FROM replay_progress WHERE region = ?'),
    allProgress: db.prepare<[], ProgressRow>('SELECT region, base_seq, seq, hash, record_ms, event_max FROM replay_progress ORDER BY region'),
    storedHash: db.prepare<[string, number], { hash: string }>('SELECT hash FROM events WHERE region = ? AND seq = ?'),
    firstStored: db.prepare<[string, number], { seq: number }>('SELECT seq FROM events WHERE region = ? AND seq > ? ORDER BY seq LIMIT 1'),
    events: db.prepare<[string, number, number], EventRow>(
      'SELECT seq, type, record_time, event_time, payload, hash FROM events WHERE region = ? AND seq > ? ORDER BY seq LIMIT ?',
    ),
    lot: db.prepare<[string], { category: string; region: string; expiry_date: string }>('SELECT category, region, expiry_date FROM lots WHERE id = ?'),
    allLots: db.prepare<[], [string, string, string, string]>('SELECT id, category, region, expiry_date FROM lots').raw(),
    insertMove: db.prepare<[string, number, string, string, string, string, string, number, string | null]>(
      'INSERT INTO replay_moves (region, seq, lot, depot, category, lot_region, expiry, delta, transfer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    insertReference: db.prepare<[string, number, string, string, string]>(
      'INSERT INTO replay_reference (region, seq, type, key, payload) VALUES (?, ?, ?, ?, ?)',
    ),
    insertClock: db.prepare<[string, number, number, string]>('INSERT INTO replay_clock (region, seq, record_ms, event_max) VALUES (?, ?, ?, ?)'),
    upsertProgress: db.prepare<[string, number, number, string, number, string]>(
      `INSERT INTO replay_progress (region, base_seq, seq, hash, record_ms, event_max) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (region) DO UPDATE SET base_seq = excluded.base_seq, seq = excluded.seq, hash = excluded.hash,
         record_ms = excluded.record_ms, event_max = excluded.event_max`,
    ),
    reset: ['replay_moves', 'replay_reference', 'replay_clock', 'replay_progress'].map((t) => db.prepare<[string]>(`DELETE FROM ${t} WHERE region = ?`)),
  };
}

/**
 * Keeps the replay index level with the log: each call indexes up to `budget` new events (in one
 * transaction), region by region. A region whose indexed head no longer matches its log (a
 * replaced store) is indexed again; one whose log has a gap (a snapshot skipped events) is
 * indexed from after the gap, which becomes its replay floor.
 */
export function createIndexBuilder(db: Db) {
  const s = prepare(db);
  let lots: Map<string, LotInfo> | null = null;

  const lotOf = (id: string): LotInfo => {
    const hit = lots?.get(id);
    if (hit) return hit;
    const row = s.lot.get(id);
    // The projector refused any movement of an unknown lot, so a stored one always resolves.
    if (!row) throw new Error(`replay index: lot ${id} moved in the log is not in the replica`);
    return { category: row.category, region: row.region, expiry: row.expiry_date };
  };

  /** Per region: the last seq indexed (or before the first stored event) and the head. */
  const pending = (): { region: string; from: number; head: number }[] =>
    s.heads.all().map((h) => {
      const from = s.progress.get(h.region)?.seq ?? (s.firstStored.get(h.region, 0)?.seq ?? h.last_seq + 1) - 1;
      return { region: h.region, from, head: h.last_seq };
    });

  const progress = (): IndexProgress => {
    let indexed = 0;
    let total = 0;
    for (const p of pending()) {
      total += p.head;
      indexed += Math.min(p.from, p.head);
    }
    return { indexed, total, complete: indexed >= total, ready: total - indexed <= CATCH_UP_INLINE };
  };

  const startRegion = (region: string, after: number): ProgressRow | null => {
    for (const r of s.reset) r.run(region);
    const first = s.firstStored.get(region, after);
    if (!first) return null;
    return { region, base_seq: first.seq - 1, seq: first.seq - 1, hash: '', record_ms: Number.NEGATIVE_INFINITY, event_max: '' };
  };

  const indexRegion = (region: string, budget: number): number => {
    let p = s.progress.get(region) ?? null;
    if (p && s.storedHash.get(region, p.seq)?.hash !== p.hash) p = null;
    p ??= startRegion(region, 0);
    if (!p) return 0;
    const rows = s.events.all(region, p.seq, budget);
    let done = 0;
    for (const e of rows) {
      if (e.seq !== p.seq + 1) {
        p = startRegion(region, e.seq - 1);
        if (!p) return done;
      }
      const created = (id: string, lot: LotInfo) => lots?.set(id, lot);
      if (REFERENCE_TYPES.has(e.type) || e.type.startsWith('lot.') || e.type.startsWith('stock.') || e.type === 'event.corrected') {
        const payload = JSON.parse(e.payload) as Record<string, unknown>;
        if (REFERENCE_TYPES.has(e.type)) s.insertReference.run(region, e.seq, e.type, referenceKey(e.type, region, payload), e.payload);
        for (const m of movesOf(e.type, region, payload, lotOf, created)) {
          s.insertMove.run(region, e.seq, m.lot, m.depot, m.category, m.lotRegion, m.expiry, m.delta, m.transfer);
        }
      }
      const recordMs = Math.max(p.record_ms, Date.parse(e.record_time));
      const eventMax: string = e.event_time > p.event_max ? e.event_time : p.event_max;
      p = { ...p, seq: e.seq, hash: e.hash, record_ms: recordMs, event_max: eventMax };
      if (e.seq % CLOCK_STEP === 0) s.insertClock.run(region, e.seq, recordMs, eventMax);
      done++;
    }
    if (done > 0) s.upsertProgress.run(region, p.base_seq, p.seq, p.hash, p.record_ms, p.event_max);
    return done;
  };

  const step = db.transaction((budget: number): number => {
    let left = budget;
    for (const { region, from, head } of pending()) {
      if (left <= 0) break;
      const indexed = s.progress.get(region);
      if (from >= head && (!indexed || s.storedHash.get(region, from)?.hash === indexed.hash)) continue;
      left -= indexRegion(region, left);
    }
    return budget - left;
  });

  return {
    progress,
    /** Indexes up to `budget` events; returns the progress after. */
    step(budget: number): IndexProgress {
      const before = progress();
      if (!lots && before.total - before.indexed > PRELOAD_LOTS_ABOVE) {
        lots = new Map();
        for (const [id, category, region, expiry] of s.allLots.iterate()) lots.set(id, { category, region, expiry });
      }
      step(budget);
      const after = progress();
      if (after.complete) lots = null;
      return after;
    },
    regions: (): ProgressRow[] => s.allProgress.all(),
  };
}

export type IndexBuilder = ReturnType<typeof createIndexBuilder>;
export type { ProgressRow };
