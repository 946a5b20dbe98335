import type { ChainRegionStatus } from '../../shared/contract/audit-schemas';
import { GENESIS_HASH } from '../../shared/domain/events';
import type { Db } from '../replica/open';
import { walkChain } from './chain-walk';
import { loadCheckpoints } from './checkpoint-audit';
import { diagnose } from './diagnose';
import { EVENT_COLUMNS, type EventRow } from './event-row';
import { storedRegions } from './verify';

/** Where the walk of one region stands: the last seq found sound and its hash. */
interface Progress {
  seq: number;
  hash: string;
  broken: { seq: number; reason: string } | null;
}

/**
 * The audit's chain pass run while the app is open: content ids, chain links, gap-free seqs,
 * the head and checkpoints against the chain (not their signatures: the sync checked those on
 * arrival; `inrs audit verify` checks them again). It remembers where each region's walk
 * stopped, so after new events only the new ones are walked, at most `budget` per call, so
 * other queries are never held up for long.
 */
export function createChainMonitor(db: Db) {
  const progress = new Map<string, Progress>();
  const head = db.prepare<[string], { last_seq: number; head_hash: string }>('SELECT last_seq, head_hash FROM region_heads WHERE region = ?');
  const first = db.prepare<[string], { seq: number; prev_hash: string }>('SELECT seq, prev_hash FROM events WHERE region = ? ORDER BY seq LIMIT 1');
  const after = db.prepare<[string, number, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE region = ? AND seq > ? ORDER BY seq LIMIT ?`).raw();
  const rowAt = db.prepare<[string, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE region = ? AND seq = ?`).raw();
  const seqOfHash = db.prepare<[string, string], number>('SELECT seq FROM events WHERE region = ? AND hash = ? LIMIT 1').pluck();
  const hashAt = db.prepare<[string, number], string>('SELECT hash FROM events WHERE region = ? AND seq = ?').pluck();

  /** Genesis, or the checkpoint a snapshot left the stored log starting after. */
  const startOf = (region: string): Progress => {
    const f = first.get(region);
    const h = head.get(region);
    // A snapshot with nothing since: no stored event, the head anchored by the checkpoint there.
    if (!f && h && loadCheckpoints(db, region).some((c) => c.seq === h.last_seq && c.hash === h.head_hash)) return { seq: h.last_seq, hash: h.head_hash, broken: null };
    if (f && f.seq > 1) {
      const anchor = loadCheckpoints(db, region).find((c) => c.seq === f.seq - 1 && c.hash === f.prev_hash);
      if (anchor) return { seq: anchor.seq, hash: anchor.hash, broken: null };
    }
    return { seq: 0, hash: GENESIS_HASH, broken: null };
  };

  const checkpointProblem = (region: string, upTo: number): { seq: number; reason: string } | null => {
    for (const cp of loadCheckpoints(db, region)) {
      if (cp.seq > upTo) continue;
      const logged = hashAt.get(region, cp.seq);
      if (logged !== undefined && logged !== cp.hash) return { seq: cp.seq, reason: `checkpoint at seq ${cp.seq} signs another hash than the log has there` };
    }
    return null;
  };

  /**
   * Walks up to `budget` events of one region; true when it reached the head. A page of the file
   * that cannot be read (SQLite finds it malformed) breaks the region where its walk stood, so a
   * damaged file is reported as a broken chain rather than a failed check.
   */
  const step = (region: string, budget: number): boolean => {
    try {
      return walkStep(region, budget);
    } catch (err) {
      const code = String((err as { code?: unknown }).code ?? '');
      if (!code.startsWith('SQLITE_CORRUPT') && !code.startsWith('SQLITE_NOTADB')) throw err;
      const p = progress.get(region) ?? startOf(region);
      p.broken = { seq: p.seq + 1, reason: `the replica file cannot be read past seq ${p.seq}: ${(err as Error).message}` };
      progress.set(region, p);
      return true;
    }
  };

  const walkStep = (region: string, budget: number): boolean => {
    let p = progress.get(region);
    // Where the last walk stopped must still hold the hash it had (a snapshot replaces a log); else walk again from the start.
    if (!p || (!p.broken && p.seq > 0 && (hashAt.get(region, p.seq) ?? head.get(region)?.head_hash) !== p.hash)) p = startOf(region);
    progress.set(region, p);
    if (p.broken) return true;
    const rows = after.all(region, p.seq, budget);
    const walk = walkChain(region, rows, p, new Set());
    const failure = walk.failures[0];
    if (failure) {
      const problem = diagnose(region, failure, { rowAt: (seq) => rowAt.get(region, seq), seqOfHash: (hash) => seqOfHash.get(region, hash) ?? null });
      p.broken = { seq: problem.seq, reason: problem.message };
      p.seq = Math.max(0, Math.min(problem.seq, failure.row[0]) - 1);
      return true;
    }
    if (walk.lastSeq !== null && walk.lastHash !== null) {
      p.seq = walk.lastSeq;
      p.hash = walk.lastHash;
    }
    if (rows.length === budget) return false;
    const h = head.get(region);
    if (h && h.last_seq > p.seq) p.broken = { seq: p.seq + 1, reason: `log ends at seq ${p.seq} but its head is at seq ${h.last_seq}: truncated tail` };
    else if (h && h.last_seq === p.seq && h.head_hash !== p.hash) p.broken = { seq: p.seq, reason: `region head hash is not the hash of its last event, seq ${p.seq}` };
    p.broken ??= checkpointProblem(region, p.seq);
    return true;
  };

  const statusOf = (region: string, reachedHead: boolean): ChainRegionStatus => {
    const p = progress.get(region);
    if (!p) return { region, status: 'unverified', verifiedSeq: 0, firstBadSeq: null, reason: null };
    if (p.broken) return { region, status: 'broken', verifiedSeq: p.seq, firstBadSeq: p.broken.seq, reason: p.broken.reason };
    return { region, status: reachedHead && p.seq > 0 ? 'ok' : 'unverified', verifiedSeq: p.seq, firstBadSeq: null, reason: null };
  };

  return {
    /** Forgets where a region's walk stood (its log was replaced): the next walk starts afresh. */
    forget(region: string): void {
      progress.delete(region);
    },
    /** Walks one region on from where it stopped, at most `budget` events. */
    region(region: string, budget = 50_000): ChainRegionStatus {
      let left = budget;
      let reached = false;
      while (left > 0 && !reached) {
        const before = progress.get(region)?.seq ?? 0;
        reached = step(region, left);
        left -= Math.max(1, (progress.get(region)?.seq ?? 0) - before);
      }
      return statusOf(region, reached);
    },
    /** Walks on from where each region stopped; `complete` is false while some region has more to walk. */
    check(budget = 50_000): { regions: ChainRegionStatus[]; complete: boolean } {
      let left = budget;
      let complete = true;
      const regions: ChainRegionStatus[] = [];
      for (const region of storedRegions(db)) {
        let reached = false;
        while (left > 0 && !reached) {
          const before = progress.get(region)?.seq ?? 0;
          reached = step(region, left);
          left -= Math.max(1, (progress.get(region)?.seq ?? 0) - before);
        }
        complete &&= reached;
        regions.push(statusOf(region, reached));
      }
      return { regions, complete };
    },
  };
}

export type ChainMonitor = ReturnType<typeof createChainMonitor>;
