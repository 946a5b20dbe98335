import type { ReplicaStats } from '../../shared/contract/channels';
import type { AlertPoint, DepotDetail, DepotPoint, NationalKpis, ProvinceRisk } from '../../shared/contract/situation-schemas';
import type { LotTrace } from '../../shared/contract/trace-schemas';
import { situationFilterSchema } from '../../shared/contract/situation-schemas';
import { PROVINCES } from '../../shared/domain/provinces';
import { levelRank } from '../../shared/domain/emergency';
import type { Db } from '../replica/open';
import { createReplicaQueries } from '../replica/queries';
import { createTraceQueries } from '../trace';
import { BriefingError } from './errors';
import { readEmergencyRows, type EmergencyRow } from './emergency-rows';
import type { FigureSource } from './figures';
import type { BriefingForecast } from './forecast-section';

/** Rows a briefing lists at most per table: a briefing is read on paper, not searched. */
export const LIMITS = { alerts: 40, lowestCover: 15, underFloor: 15, lots: 10 } as const;

export interface BriefingRequest {
  /** One province to brief on; the whole country when absent. */
  region?: string;
  /** Lots whose whole life is printed. */
  lots?: readonly string[];
  /** Who the cover names as the author. */
  generatedBy: string;
  /** When the briefing is made (the wall clock, for the cover only). */
  generatedAt: Date;
}

export interface BriefingData {
  scope: { region: string | null; nameZh: string; nameEn: string };
  generatedBy: string;
  generatedAt: string;
  /** The moment the figures were replayed to; null: the replica as it is. */
  requestedAt: string | null;
  /** The newest event time in the figures: their "as of". */
  asOf: string | null;
  stats: ReplicaStats;
  /** Every province, for the map (the scope's provinces are coloured). */
  allProvinces: ProvinceRisk[];
  /** The provinces in scope, highest risk first. */
  provinces: ProvinceRisk[];
  kpis: NationalKpis;
  emergencies: (EmergencyRow & { nameZh: string; nameEn: string })[];
  alerts: { total: number; bySeverity: Record<AlertPoint['severity'], number>; byKind: Record<string, number>; shown: (AlertPoint & { depotName: string | null })[] };
  shortfalls: {
    lowestCover: DepotPoint[];
    underFloorCount: number;
    underFloor: { depot: DepotPoint; classes: DepotDetail['classes'] }[];
    /** Classes of a province whose stock is under the sum of its depots' floors. */
    provinceClasses: { region: string; nameZh: string; class: string; stock: number; floor: number; ratio: number; personsSupported: number }[];
  };
  lots: LotTrace[];
  /** The forecast of the reserves at risk (forecast-section.ts); null for a past moment, absent when not gathered. */
  forecast?: BriefingForecast | null;
}

const ADCODE = /^\d{6}$/;

export function gatherBriefing(db: Db, situation: FigureSource, request: BriefingRequest): BriefingData {
  const stats = createReplicaQueries(db).stats();
  const region = request.region ?? null;
  const provinceNames = new Map(PROVINCES.map((p) => [p.adcode, p]));
  if (region !== null) {
    if (!ADCODE.test(region)) throw new BriefingError('bad-region', `--region "${region}" must be a 6-digit adcode such as 430000`);
    if (!provinceNames.has(region)) throw new BriefingError('bad-region', `--region ${region} is not a province adcode (e.g. 430000 for Hunan)`);
    if (!stats.regions.some((r) => r.region === region)) {
      throw new BriefingError('bad-region', `--region ${region}: the replica holds no events of ${provinceNames.get(region)?.nameZh ?? region}`);
    }
  }
  const all = situation.snapshot(situationFilterSchema.parse({}));
  const filter = situationFilterSchema.parse(region ? { regions: [region] } : {});
  const snapshot = region ? situation.snapshot(filter) : all;
  const kpis = situation.kpis(filter);
  const inScope = (r: string) => region === null || r === region;

  const depotNames = new Map(snapshot.depots.map((d) => [d.code, d.nameZh]));
  const bySeverity = { critical: 0, warning: 0, info: 0 };
  const byKind: Record<string, number> = {};
  for (const a of snapshot.alerts) {
    bySeverity[a.severity]++;
    byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
  }

  // The recorded rows are today's; a replayed moment has only the level the replay derived.
  const recorded = situation.at === null ? readEmergencyRows(db) : new Map<string, EmergencyRow>();
  const emergencies = snapshot.provinces
    .map((p): EmergencyRow => recorded.get(p.adcode) ?? { region: p.adcode, level: p.emergencyLevel, plan: null, reason: null, since: null, activatedBy: [], breakGlass: false, countersignedBy: null })
    .filter((e) => e.level !== 'normal' && inScope(e.region))
    .sort((a, b) => levelRank(b.level) - levelRank(a.level) || a.region.localeCompare(b.region))
    .map((e) => ({ ...e, nameZh: provinceNames.get(e.region)?.nameZh ?? e.region, nameEn: provinceNames.get(e.region)?.nameEn ?? e.region }));

  // Furthest below plan first; a depot without a plan for its stock is not ranked.
  const lowestCover = snapshot.depots
    .filter((d) => d.planCompletion !== null)
    .sort((a, b) => (a.planCompletion ?? 0) - (b.planCompletion ?? 0) || a.code.localeCompare(b.code))
    .slice(0, LIMITS.lowestCover);
  const under = snapshot.depots.filter((d) => d.underFloor);
  // The emptiest depots first (stock ÷ capacity), then only those few read in detail: a national
  // replica has thousands under a floor and a depot's detail is several queries.
  const underFloor = [...under]
    .sort((a, b) => a.fill - b.fill || a.code.localeCompare(b.code))
    .slice(0, LIMITS.underFloor)
    .map((depot) => ({ depot, classes: (situation.depotDetail(depot.code)?.classes ?? []).filter((c) => c.underFloor) }));
  const provinceClasses = snapshot.provinces
    .flatMap((p) => (p.classes ?? []).filter((c) => c.floor > 0 && c.stock < c.floor).map((c) => ({ region: p.adcode, nameZh: p.nameZh, class: c.class, stock: c.stock, floor: c.floor, ratio: c.coverRatio, personsSupported: c.personsSupported })))
    .sort((a, b) => a.ratio - b.ratio || a.region.localeCompare(b.region));

  const lots = traceLots(db, request.lots ?? []);
  const scopeNames = region ? (provinceNames.get(region) as { nameZh: string; nameEn: string }) : { nameZh: '全国', nameEn: 'National' };

  return {
    scope: { region, nameZh: scopeNames.nameZh, nameEn: scopeNames.nameEn },
    generatedBy: request.generatedBy,
    generatedAt: request.generatedAt.toISOString(),
    requestedAt: situation.at,
    asOf: snapshot.asOf,
    stats,
    allProvinces: all.provinces,
    provinces: [...snapshot.provinces].sort((a, b) => b.riskIndex - a.riskIndex || a.adcode.localeCompare(b.adcode)),
    kpis,
    emergencies,
    alerts: {
      total: snapshot.alerts.length,
      bySeverity,
      byKind,
      shown: snapshot.alerts.slice(0, LIMITS.alerts).map((a) => ({ ...a, depotName: a.depot ? (depotNames.get(a.depot) ?? null) : null })),
    },
    shortfalls: { lowestCover, underFloorCount: under.length, underFloor, provinceClasses },
    lots,
  };
}

function traceLots(db: Db, ids: readonly string[]): LotTrace[] {
  if (ids.length === 0) return [];
  if (ids.length > LIMITS.lots) throw new BriefingError('bad-lot', `--lots names ${ids.length} lots; a briefing traces at most ${LIMITS.lots}`);
  const trace = createTraceQueries(db);
  return ids.map((id) => {
    const found = trace.lot(id);
    if (!found) throw new BriefingError('bad-lot', `--lots: no lot ${id} in the replica`);
    return found;
  });
}
