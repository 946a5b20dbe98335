import { GENESIS_HASH } from '../../shared/domain/events';
import type { Db } from '../replica/open';
import { walkChain } from './chain-walk';
import { auditCheckpoints, loadCheckpoints } from './checkpoint-audit';
import { describeFailure, diagnose } from './diagnose';
import { EVENT_COLUMNS, type EventRow } from './event-row';
import type { AuditProblem, RegionAudit } from './types';

export interface RegionAuditOptions {
  /** National root certificate (PEM); null checks signatures against each signer chain's own top. */
  rootPem: string | null;
  /** A client replica may hold a region only from a snapshot on; a server store never does. */
  allowSnapshot: boolean;
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** At one seq, the most telling finding comes first (an intruder beyond the head over its bad link). */
const RANK: Record<AuditProblem['kind'], number> = {
  fork: 0,
  inserted: 1,
  missing: 2,
  reordered: 3,
  truncated: 4,
  edited: 5,
  checkpoint: 6,
  head: 7,
  state: 8,
};

/** Chain, checkpoints and head of one region's stored log (the projected state is checked apart). */
export function auditRegionLog(db: Db, region: string, options: RegionAuditOptions): RegionAudit {
  const head = db.prepare<[string], { last_seq: number; head_hash: string }>('SELECT last_seq, head_hash FROM region_heads WHERE region = ?').get(region);
  const first = db.prepare<[string], { seq: number; prev_hash: string }>('SELECT seq, prev_hash FROM events WHERE region = ? ORDER BY seq LIMIT 1').get(region);
  const stored = loadCheckpoints(db, region);
  const checkpoints = auditCheckpoints(region, stored, options.rootPem);
  const problems: AuditProblem[] = [...checkpoints.problems];

  // A snapshot leaves no events before its seq; its signed checkpoint anchors the first stored link.
  const anchored = (seq: number, hash: string) => options.allowSnapshot && checkpoints.signed.has(seq) && checkpoints.hashBySeq.get(seq) === hash;
  let start = { seq: 0, hash: GENESIS_HASH };
  let fromSnapshot: number | null = null;
  if (first && first.seq > 1 && anchored(first.seq - 1, first.prev_hash)) fromSnapshot = first.seq - 1;
  if (fromSnapshot !== null) start = { seq: fromSnapshot, hash: checkpoints.hashBySeq.get(fromSnapshot) as string };

  const rows = db.prepare<[string], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE region = ? ORDER BY seq`).raw();
  const walk = walkChain(region, rows.iterate(region) as Iterable<EventRow>, start, new Set(checkpoints.hashBySeq.keys()));

  const [firstFailure, ...later] = walk.failures;
  if (firstFailure) {
    const rowAt = db.prepare<[string, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE region = ? AND seq = ?`).raw();
    const bySeqOfHash = db.prepare<[string, string], number>('SELECT seq FROM events WHERE region = ? AND hash = ? LIMIT 1').pluck();
    problems.push(
      diagnose(region, firstFailure, {
        rowAt: (seq) => rowAt.get(region, seq),
        seqOfHash: (hash) => bySeqOfHash.get(region, hash) ?? null,
      }),
    );
    for (const f of later) problems.push(describeFailure(region, f));
  }

  const lastSeq = walk.lastSeq ?? start.seq;
  const lastHash = walk.lastHash ?? start.hash;
  if (!head) {
    if (walk.events > 0) problems.push({ region, seq: walk.firstSeq ?? 1, kind: 'head', message: `region has ${walk.events} events but no head` });
  } else if (head.last_seq > lastSeq) {
    // Without a stored event nothing anchors a snapshot: a log emptied down to its head looks the same.
    const note = walk.events === 0 && anchored(head.last_seq, head.head_hash) ? ' (expected only if a snapshot at that seq arrived and nothing since)' : '';
    problems.push({ region, seq: lastSeq + 1, kind: 'truncated', message: `log ends at seq ${lastSeq} but its head is at seq ${head.last_seq}: truncated tail${note}` });
  } else if (head.last_seq < lastSeq) {
    problems.push({ region, seq: head.last_seq + 1, kind: 'inserted', message: `events ${head.last_seq + 1}–${lastSeq} lie beyond the region head (seq ${head.last_seq}): inserted` });
  } else if (head.head_hash !== lastHash) {
    problems.push({ region, seq: lastSeq, kind: 'head', message: `region head hash ${short(head.head_hash)} is not the hash of its last event, seq ${lastSeq} (${short(lastHash)}): one of them was rewritten` });
  }

  for (const [seq, hash] of checkpoints.hashBySeq) {
    if (fromSnapshot !== null && seq <= fromSnapshot) continue;
    if (seq > lastSeq) {
      problems.push({ region, seq: lastSeq + 1, kind: 'truncated', message: `checkpoint at seq ${seq} lies beyond the last event (seq ${lastSeq}): truncated tail` });
      continue;
    }
    const logged = walk.hashAt.get(seq);
    if (logged !== undefined && logged !== hash) {
      problems.push({ region, seq, kind: 'checkpoint', message: `checkpoint at seq ${seq} signs ${short(hash)} but the log has ${short(logged)} there: rewritten at or before seq ${seq}` });
    }
  }

  problems.sort((a, b) => a.seq - b.seq || RANK[a.kind] - RANK[b.kind]);
  return {
    region,
    events: walk.events,
    firstSeq: walk.firstSeq,
    lastSeq: walk.lastSeq,
    headSeq: head?.last_seq ?? null,
    fromSnapshot,
    checkpoints: { total: stored.length, verified: checkpoints.verified },
    state: 'skipped',
    stateNote: null,
    status: problems.length > 0 ? 'failed' : fromSnapshot !== null ? 'verified-from-snapshot' : 'verified',
    problems,
  };
}
