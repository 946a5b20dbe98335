import type { ChainRegionStatus, LinkState, ReplicaStats } from '../../../shared/contract';

type RegionHead = ReplicaStats['regions'][number];

/** The national reference log (catalogue, norms, floors): one log kept by the centre, not a region served live. */
export const NATIONAL_REFERENCE_REGION = '000000';

/**
 * How far a region's data on this workstation can be trusted, worst first:
 * - chain-broken: the hash chain failed verification (locally or as the link reports it);
 * - refused: the regional server refused this workstation;
 * - stale: a link exists but is down;
 * - catching-up: connecting or applying the server's backlog;
 * - live: following the regional server;
 * - replica-only: no regional server serves it here (the national reference log, a region this
 *   workstation is not linked to): the local replica is the source, which is not an alarm.
 */
export const REGION_CLASSES = ['chain-broken', 'refused', 'stale', 'catching-up', 'live', 'replica-only'] as const;
export type RegionClass = (typeof REGION_CLASSES)[number];

/** The classes that call for an officer's attention. */
export const ALARM_CLASSES: ReadonlySet<RegionClass> = new Set(['chain-broken', 'refused', 'stale']);

export interface RegionStatusInput {
  region: string;
  link: LinkState['status'] | null;
  chain: ChainRegionStatus['status'] | null;
  /** No link to any regional server at all: the workstation runs from its replica alone. */
  offline: boolean;
}

/** One region's class from its link and its chain check. */
export function classifyRegion({ region, link, chain, offline }: RegionStatusInput): RegionClass {
  if (chain === 'broken' || link === 'chain-broken') return 'chain-broken';
  if (link === 'refused') return 'refused';
  if (link === 'stale') return 'stale';
  if (link === 'connecting' || link === 'catching-up') return 'catching-up';
  if (link === 'live') return 'live';
  // Without any link the whole workstation is cut off: every region but the reference log is out of date.
  return offline && region !== NATIONAL_REFERENCE_REGION ? 'stale' : 'replica-only';
}

export interface RegionStatusRow extends RegionHead {
  status: RegionClass;
  link: LinkState | null;
  chain: ChainRegionStatus | null;
}

export interface RegionStatusSummary {
  rows: RegionStatusRow[];
  /** Regions counted by the chip: every row but the national reference log, which is no region. */
  total: number;
  /** Regions by class, every class present (0 when none); the national reference log not counted. */
  counts: Record<RegionClass, number>;
  /** The worst class present: what colours the summary chip. */
  worst: RegionClass | null;
  offline: boolean;
}

/** Every region of the replica classified, with the counts the summary chip shows. */
export function summariseRegions(
  regions: readonly RegionHead[],
  links: Readonly<Record<string, LinkState>>,
  chains: Readonly<Record<string, ChainRegionStatus>>,
): RegionStatusSummary {
  const offline = Object.keys(links).length === 0;
  const rows = regions.map((r) => {
    const link = links[r.region] ?? null;
    const chain = chains[r.region] ?? null;
    return { ...r, link, chain, status: classifyRegion({ region: r.region, link: link?.status ?? null, chain: chain?.status ?? null, offline }) };
  });
  const regional = rows.filter((r) => r.region !== NATIONAL_REFERENCE_REGION);
  const counts = Object.fromEntries(REGION_CLASSES.map((c) => [c, regional.filter((r) => r.status === c).length])) as Record<RegionClass, number>;
  // A broken chain in the reference log still colours the chip: it is an alarm wherever it is.
  const worst = REGION_CLASSES.find((c) => counts[c] > 0 || rows.some((r) => r.region === NATIONAL_REFERENCE_REGION && r.status === c && ALARM_CLASSES.has(c))) ?? null;
  return { rows, total: regional.length, counts, worst, offline };
}
