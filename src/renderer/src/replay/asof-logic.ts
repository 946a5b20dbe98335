import type { LinkState, ReplicaStats } from '../../../shared/contract';
import { ALARM_CLASSES, classifyRegion } from '../sync/region-status';

/** Data older than this (against the workstation's clock) is stale even over a live link. */
export const STALE_AFTER_MS = 2 * 3_600_000;

export interface RegionAsOf {
  region: string;
  nameZh: string;
  nameEn: string;
  dataAsOf: string | null;
  /** Milliseconds since the data-as-of time; null without data. */
  ageMs: number | null;
  link: LinkState['status'] | null;
  stale: boolean;
}

export interface AsOfSummary {
  regions: RegionAsOf[];
  /** No regional link at all: the app runs from the replica alone. */
  offline: boolean;
  /** Some links are configured but not all are live. */
  partial: boolean;
  /** Newest data-as-of among the regions: the replica's "as of" (each region's own is in the list). */
  newest: string | null;
  staleCount: number;
}

/**
 * Each region's data-as-of with its link; stale when its link is down or refused, when the
 * workstation is offline, or when a live region's data is older than STALE_AFTER_MS. A region no
 * server serves here (and the national reference log) is replica-only, not stale.
 */
export function summariseAsOf(stats: ReplicaStats, links: Readonly<Record<string, LinkState>>, now: number): AsOfSummary {
  const offline = Object.keys(links).length === 0;
  const regions = stats.regions.map((r) => {
    const link = links[r.region]?.status ?? null;
    const ageMs = r.dataAsOf ? Math.max(0, now - Date.parse(r.dataAsOf)) : null;
    const stale =
      link === 'live' ? ageMs === null || ageMs > STALE_AFTER_MS : ALARM_CLASSES.has(classifyRegion({ region: r.region, link, chain: null, offline }));
    return { region: r.region, nameZh: r.nameZh, nameEn: r.nameEn, dataAsOf: r.dataAsOf, ageMs, link, stale };
  });
  const times = regions.map((r) => r.dataAsOf).filter((t): t is string => t !== null);
  return {
    regions,
    offline,
    partial: !offline && Object.values(links).some((l) => l.status !== 'live'),
    newest: times.length > 0 ? times.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b)) : null,
    staleCount: regions.filter((r) => r.stale).length,
  };
}

/** An age as its largest whole unit: minutes, hours or days. */
export function ageParts(ms: number): { unit: 'minutes' | 'hours' | 'days'; n: number } {
  if (ms < 3_600_000) return { unit: 'minutes', n: Math.floor(ms / 60_000) };
  if (ms < 86_400_000) return { unit: 'hours', n: Math.floor(ms / 3_600_000) };
  return { unit: 'days', n: Math.floor(ms / 86_400_000) };
}
