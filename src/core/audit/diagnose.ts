import type { ChainFailure } from './chain-walk';
import { rowLinkHash, type EventRow } from './event-row';
import type { AuditProblem } from './types';

export interface LogLookup {
  rowAt(seq: number): EventRow | undefined;
  /** Seq of the stored event whose hash this is, if any. */
  seqOfHash(hash: string): number | null;
}

/**
 * Names what happened at the first failure of a walk. A sealed event carries its own seq and
 * its predecessor's hash, so a moved, renumbered or intruding row can be told from an edit by
 * where its links point. Checks run from the most specific explanation to the plainest.
 */
export function diagnose(region: string, f: ChainFailure, log: LogLookup): AuditProblem {
  const { row } = f;
  const seq = row[0];
  const at = (s: number, kind: AuditProblem['kind'], message: string): AuditProblem => ({ region, seq: s, kind, message });

  if (seq > f.expectedSeq) {
    const last = seq - 1;
    return at(f.expectedSeq, 'missing', `${last > f.expectedSeq ? `events ${f.expectedSeq}–${last} are` : `event ${f.expectedSeq} is`} missing (gap before seq ${seq})`);
  }
  const next = log.rowAt(seq + 1);
  if (!f.prevOk) {
    // The event before this one links correctly but was never part of the chain: it was slipped in.
    if (f.prevPrevHash !== null && row[9] === f.prevPrevHash && rowLinkHash(row, seq - 1) === row[10]) {
      return at(seq - 1, 'inserted', `event at seq ${seq - 1} was inserted: the event after it was sealed as seq ${seq - 1} and links to seq ${seq - 2}`);
    }
    const before = log.seqOfHash(row[9]);
    if (before !== null && before !== seq - 1) {
      return at(seq, 'reordered', `event at seq ${seq} was moved: it was sealed after the event now at seq ${before}`);
    }
    if (rowLinkHash(row, seq + 1) === row[10]) {
      return at(seq, 'missing', `event ${seq} was deleted and the log renumbered: the event now at seq ${seq} was sealed as seq ${seq + 1}`);
    }
    if (next && next[9] === f.prevHash) {
      return at(seq, 'inserted', `event at seq ${seq} was inserted: seq ${seq + 1} links straight to seq ${seq - 1}`);
    }
    // This event is whole and links to what seq-1 was when sealed: seq-1 was rewritten and re-sealed.
    if (f.hashOk && seq > 1) {
      return at(seq - 1, 'edited', `event at seq ${seq - 1} was rewritten and re-sealed: seq ${seq} still links to its original hash`);
    }
    return at(seq, 'edited', `prevHash of seq ${seq} is not the hash of seq ${seq - 1} (chain link edited)`);
  }
  if (next && next[9] === f.prevHash && next[9] !== row[10]) {
    return at(seq, 'inserted', `event at seq ${seq} was inserted: seq ${seq + 1} links straight to seq ${seq - 1}`);
  }
  if (!f.contentOk) return at(seq, 'edited', `content of seq ${seq} does not match its id (edited content)`);
  return at(seq, 'edited', `hash of seq ${seq} does not match its link (hash or record time edited)`);
}

/** A later failure, named without the lookups (it may be a consequence of the first). */
export function describeFailure(region: string, f: ChainFailure): AuditProblem {
  const seq = f.row[0];
  if (seq > f.expectedSeq) return { region, seq: f.expectedSeq, kind: 'missing', message: `events ${f.expectedSeq}–${seq - 1} missing` };
  const what = !f.contentOk ? 'content does not match its id' : !f.prevOk ? 'prevHash does not match' : 'hash does not match its link';
  return { region, seq, kind: 'edited', message: `seq ${seq}: ${what}` };
}
