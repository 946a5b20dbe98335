import type { DepotDetail, NationalKpis, Situation, SituationFilter } from '../../shared/contract/situation-schemas';
import type { Db } from '../replica/open';
import { createSituationQueries } from '../replica/situation';
import { createReplayQueries } from '../replay/replay-queries';
import { BriefingError } from './errors';

/** Where a briefing's figures come from: the replica as it is, or replayed to a past moment. */
export interface FigureSource {
  snapshot(filter: SituationFilter): Situation;
  kpis(filter: SituationFilter): NationalKpis;
  /** A depot's classes against their floors; null when the source cannot say (a past moment). */
  depotDetail(code: string): DepotDetail | null;
  /** The moment replayed to, or null for the replica's current state. */
  at: string | null;
}

/** The record time of each region's newest event: after it, the log holds nothing newer. */
export function latestRecordTime(db: Db): string | null {
  return (
    db
      .prepare<[], { t: string | null }>('SELECT max(e.record_time) AS t FROM region_heads h JOIN events e ON e.region = h.region AND e.seq = h.last_seq')
      .get()?.t ?? null
  );
}

/**
 * The current figures, or (for a time before the replica's newest record) the same situation
 * code run over the log cut at that moment by the replay index, which is first brought level
 * with the log (it is written into the replica: the replica must be open read-write).
 */
export function figureSource(db: Db, at: string | null, onIndex?: (indexed: number, total: number) => void): FigureSource {
  const live = createSituationQueries(db);
  const latest = latestRecordTime(db);
  if (at === null || latest === null || Date.parse(at) >= Date.parse(latest)) {
    return { snapshot: live.snapshot, kpis: live.kpis, depotDetail: live.depotDetail, at: null };
  }
  if (db.readonly) throw new BriefingError('past-time', `figures as at ${at} replay the log through the replay index, which is kept in the replica: open the replica read-write`);
  const replay = createReplayQueries(db);
  for (let p = replay.build(50_000); !p.complete; p = replay.build(50_000)) onIndex?.(p.indexed, p.total);
  const range = replay.range();
  if (range.from && Date.parse(at) < Date.parse(range.from)) {
    throw new BriefingError('past-time', `--at ${at} is before the earliest moment this replica can replay (${range.from})`);
  }
  return {
    snapshot: (filter) => replay.snapshot(at, filter),
    kpis: (filter) => replay.kpis(at, filter),
    depotDetail: () => null,
    at,
  };
}
