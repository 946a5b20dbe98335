import { combinedHead } from '../../chain/seal';

export interface DataStamp {
  /** Changes whenever any region's log moves: the cache key of everything derived. */
  dataVersion: string;
  /** Newest event time in the replica, the clock expiry windows count from (never the wall clock). */
  asOf: string | null;
  /** Data-as-of time of each region. */
  regionAsOf: ReadonlyMap<string, string | null>;
}

export function dataStamp(heads: readonly { region: string; last_seq: number; head_hash: string; data_as_of: string | null }[]): DataStamp {
  let total = 0;
  let asOf: string | null = null;
  for (const h of heads) {
    total += h.last_seq;
    if (h.data_as_of && (!asOf || h.data_as_of > asOf)) asOf = h.data_as_of;
  }
  const head = combinedHead(heads.map((h) => ({ region: h.region, hash: h.head_hash })));
  return {
    dataVersion: `${total}-${head.slice(0, 16)}`,
    asOf,
    regionAsOf: new Map(heads.map((h) => [h.region, h.data_as_of])),
  };
}

/** "YYYY-MM-DD" of an ISO time plus whole days, in UTC (expiry dates are calendar dates). */
export function isoDatePlus(iso: string, days: number): string {
  const base = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  return new Date(base + days * 86_400_000).toISOString().slice(0, 10);
}
