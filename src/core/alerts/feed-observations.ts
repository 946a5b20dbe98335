import type { RuleObservation } from '../../shared/domain/alert-rule-engine';
import { createChainMonitor, type ChainMonitor } from '../audit/chain-monitor';
import type { Db } from '../replica/open';

/**
 * Events of a region's log walked per observation, as the background walk's step: a long log is
 * walked on at the next batch, and the worker's background walk (the same monitor) advances it
 * between batches; what either finds counts at the region's next batch.
 */
const CHAIN_BUDGET = 5_000;

/**
 * The measures of a region's data feed, from the replica alone:
 *  - `stale-minutes`: minutes between the region's data-as-of and the replica's (the newest event
 *    of any region), both log times, so a region is stale when the others have moved on without
 *    it. With one region, or none ahead of it, the value is 0: the workstation's clock is never read.
 *  - `chain-problems`: the problems the replica knows of in the region's log: the first break the
 *    audit's chain walk finds (content id, link, gap, head, a checkpoint signing another hash)
 *    plus every other stored checkpoint that disagrees with the log. Checkpoint signatures are
 *    checked by sync on arrival (a bad one never enters the replica), and a refused batch is
 *    reported by the sync status, not here.
 */
export function createFeedObservations(db: Db, chain: ChainMonitor = createChainMonitor(db)) {
  const heads = db.prepare<[], { region: string; data_as_of: string | null }>('SELECT region, data_as_of FROM region_heads ORDER BY region');
  const badCheckpoints = db
    .prepare<[string], number>(
      `SELECT DISTINCT c.seq FROM checkpoints c JOIN events e ON e.region = c.region AND e.seq = c.seq
       WHERE c.region = ? AND e.hash <> c.hash ORDER BY c.seq`,
    )
    .pluck();

  const base = (region: string) => ({ subject: `feed:${region}`, region, depot: null, class: null, category: null });
  return {
    /** `stale-minutes` of the regions given (every region's moves when the replica's data-as-of does). */
    stale(regions: readonly string[] | null): RuleObservation[] {
      const rows = heads.all();
      const asOf = rows.reduce<string | null>((m, h) => (h.data_as_of && (!m || h.data_as_of > m) ? h.data_as_of : m), null);
      if (!asOf) return [];
      return rows
        .filter((h) => h.data_as_of && (regions === null || regions.includes(h.region)))
        .map((h) => ({ measure: 'stale-minutes' as const, ...base(h.region), value: Math.max(0, (Date.parse(asOf) - Date.parse(h.data_as_of ?? asOf)) / 60_000) }));
    },
    /** Forgets a region's walk (a snapshot replaced its log). */
    forget(region: string): void {
      chain.forget(region);
    },
    /** `chain-problems` of one region, walking its log on from where the last walk stopped. */
    chainProblems(region: string): RuleObservation {
      const status = chain.region(region, CHAIN_BUDGET);
      const seqs = new Set(badCheckpoints.all(region));
      if (status.firstBadSeq !== null) seqs.add(status.firstBadSeq);
      return { measure: 'chain-problems', ...base(region), value: seqs.size };
    },
  };
}

export type FeedObservations = ReturnType<typeof createFeedObservations>;
