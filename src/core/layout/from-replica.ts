import type { Db } from '../replica/open';
import { createSituationQueries } from '../replica/situation';
import { loadPrefectures } from '../seed';
import { provincePopulation } from '../../shared/domain/population';
import { situationFilterSchema } from '../../shared/contract/situation-schemas';
import { LAYOUT_DEFAULTS, parseLayoutProblem, type LayoutProblem } from './problem';

/**
 * A layout problem generated from a replica (README, "Layout model", demo values):
 *
 * - candidates: every depot, at its place; fixed cost DEMO_FIXED_COST; capacity = the depot's
 *   share of the storage capacity in scope, averaged over all classes (0 for a class it lacks),
 *   × total demand × CAPACITY_SLACK (capacities per class are in different units, so shares are
 *   what can be added up);
 * - demand points: every prefecture-level city of resources/geo/prefectures.json, demand =
 *   its province's 2020 population shared equally among the province's cities, in units of
 *   10,000 people, × (1 + riskIndex ÷ 100) of the province (the risk index's hazard weight);
 * - maxOpen: given, or half the depots (rounded up).
 */
export const DEMO_FIXED_COST = 500;
export const CAPACITY_SLACK = 1.5;
const PEOPLE_PER_UNIT = 10_000;

export interface LayoutFromReplicaOptions {
  maxOpen?: number;
  /** Keep only depots and cities of this province. */
  region?: string;
}

export function layoutProblemFromReplica(db: Db, options: LayoutFromReplicaOptions = {}): LayoutProblem {
  const depots = (db.prepare('SELECT code, region, lon, lat, capacity FROM depots ORDER BY code').all() as { code: string; region: string; lon: number; lat: number; capacity: string }[])
    .filter((d) => !options.region || d.region === options.region)
    .map((d) => ({ ...d, capacity: JSON.parse(d.capacity) as Record<string, number> }));
  const risk = new Map(createSituationQueries(db).snapshot(situationFilterSchema.parse({})).provinces.map((p) => [p.adcode, p.riskIndex]));
  const cities = loadPrefectures().filter((c) => !options.region || c.province === options.region);
  const perProvince = new Map<string, number>();
  for (const c of cities) perProvince.set(c.province, (perProvince.get(c.province) ?? 0) + 1);
  const demands = cities.map((c) => ({
    id: c.adcode,
    lon: c.lon,
    lat: c.lat,
    demand: round3(((provincePopulation(c.province) / (perProvince.get(c.province) ?? 1)) / PEOPLE_PER_UNIT) * (1 + (risk.get(c.province) ?? 0) / 100)),
  }));
  const totalDemand = demands.reduce((s, d) => s + d.demand, 0);
  const classTotal = new Map<string, number>();
  for (const d of depots) for (const [k, q] of Object.entries(d.capacity)) classTotal.set(k, (classTotal.get(k) ?? 0) + q);
  const candidates = depots.map((d) => {
    const shares = Object.entries(d.capacity).map(([k, q]) => q / (classTotal.get(k) || 1));
    // Mean over every class in scope (0 for a class the depot lacks), so the shares add up to 1.
    const share = shares.reduce((s, v) => s + v, 0) / Math.max(1, classTotal.size);
    return { id: d.code, lon: d.lon, lat: d.lat, fixedCost: DEMO_FIXED_COST, capacity: round3(share * totalDemand * CAPACITY_SLACK) };
  });
  return parseLayoutProblem({
    candidates,
    demands,
    maxOpen: options.maxOpen ?? Math.ceil(candidates.length / 2),
    ...LAYOUT_DEFAULTS,
  });
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;
