import { AppError } from '../../shared/errors';
import type { Db } from '../replica/open';
import { CLOCK_STEP, type ProgressRow } from './index-builder';

/** Where a moment falls in one region's log. */
export interface RegionCut {
  region: string;
  /** Last seq of the region's log at the moment (0: the region had no event yet). */
  seq: number;
  /** Head hash at that seq (what region_heads would hold). */
  hash: string;
  /** Newest eventTime up to that seq (the region's data-as-of then), as the projector records it. */
  eventMax: string | null;
  /** Events before this seq are not in the log (the region started from a snapshot). */
  base: number;
}

/** A moment before a region's replay floor (its log starts from a snapshot taken later). */
export class BeforeFloorError extends AppError<'before-floor'> {
  constructor(
    readonly region: string,
    readonly floor: string,
  ) {
    super('before-floor', `region ${region} can be replayed from ${floor} only (its log starts from a snapshot)`, { region, floor });
    this.name = 'BeforeFloorError';
  }
}

export function prepareClock(db: Db) {
  const mark = db.prepare<[string, number], { seq: number; record_ms: number; event_max: string }>(
    'SELECT seq, record_ms, event_max FROM replay_clock WHERE region = ? AND record_ms <= ? ORDER BY record_ms DESC, seq DESC LIMIT 1',
  );
  const after = db.prepare<[string, number, number, number], { seq: number; record_time: string; event_time: string; hash: string }>(
    'SELECT seq, record_time, event_time, hash FROM events WHERE region = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
  );
  const hashAt = db.prepare<[string, number], { hash: string }>('SELECT hash FROM events WHERE region = ? AND seq = ?');

  /**
   * The longest prefix of the region's log whose record times are all at or before `atMs`: the
   * log as the replica held it at that moment (record times are stamped by the regional server
   * in append order; the running maximum keeps the prefix well defined should a clock step back).
   */
  const cutOf = (p: ProgressRow, atMs: number): RegionCut => {
    const m = mark.get(p.region, atMs);
    let seq = m?.seq ?? p.base_seq;
    let recordMs = m?.record_ms ?? Number.NEGATIVE_INFINITY;
    let eventMax: string | null = m?.event_max ?? null;
    let hash = m ? (hashAt.get(p.region, m.seq)?.hash ?? '') : '';
    for (const e of after.all(p.region, seq, p.seq, CLOCK_STEP + 1)) {
      recordMs = Math.max(recordMs, Date.parse(e.record_time));
      if (recordMs > atMs) break;
      seq = e.seq;
      hash = e.hash;
      if (eventMax === null || e.event_time > eventMax) eventMax = e.event_time;
    }
    if (p.base_seq > 0 && seq === p.base_seq) {
      const first = after.get(p.region, p.base_seq, p.seq, 1);
      throw new BeforeFloorError(p.region, first?.record_time ?? '');
    }
    return { region: p.region, seq, hash, eventMax, base: p.base_seq };
  };

  return { cutOf };
}
