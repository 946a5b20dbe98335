import { rowContentText, rowLinkHash, sha256Hex, type EventRow } from './event-row';

/** A stored event that does not continue the chain where it stands. */
export interface ChainFailure {
  row: EventRow;
  /** The seq the walk expected here; less than the row's own when events are missing. */
  expectedSeq: number;
  /** Hashes of the two events before, as walked (null before the start). */
  prevHash: string;
  prevPrevHash: string | null;
  contentOk: boolean;
  prevOk: boolean;
  hashOk: boolean;
}

export interface ChainWalk {
  events: number;
  firstSeq: number | null;
  lastSeq: number | null;
  lastHash: string | null;
  /** Stored hash at each seq asked for (checkpoint seqs). */
  hashAt: Map<number, string>;
  /** The first failures in seq order (the first one is diagnosed). */
  failures: ChainFailure[];
  failureCount: number;
}

const KEPT_FAILURES = 10;

/**
 * Re-derives every event's content id and chain hash from its stored bytes, in seq order,
 * starting after `start` (genesis, or a snapshot's checkpoint). After a failure the walk
 * continues from the stored hash so one tampered row is reported once, not for every row after.
 */
export function walkChain(
  region: string,
  rows: Iterable<EventRow>,
  start: { seq: number; hash: string },
  wantHashAt: ReadonlySet<number>,
): ChainWalk {
  const walk: ChainWalk = { events: 0, firstSeq: null, lastSeq: null, lastHash: null, hashAt: new Map(), failures: [], failureCount: 0 };
  let expected = start.seq + 1;
  let prev = start.hash;
  let prevPrev: string | null = null;
  for (const row of rows) {
    const seq = row[0];
    walk.events++;
    walk.firstSeq ??= seq;
    const contentOk = sha256Hex(rowContentText(region, row)) === row[1];
    const prevOk = row[9] === prev;
    const hashOk = rowLinkHash(row) === row[10];
    if (seq !== expected || !contentOk || !prevOk || !hashOk) {
      walk.failureCount++;
      if (walk.failures.length < KEPT_FAILURES) walk.failures.push({ row, expectedSeq: expected, prevHash: prev, prevPrevHash: prevPrev, contentOk, prevOk, hashOk });
    }
    if (wantHashAt.has(seq)) walk.hashAt.set(seq, row[10]);
    prevPrev = prev;
    prev = row[10];
    expected = seq + 1;
    walk.lastSeq = seq;
    walk.lastHash = row[10];
  }
  return walk;
}
