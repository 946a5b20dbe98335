import { PROVINCE_POPULATION_2020_MILLIONS } from '../../shared/domain/population';
import { PROVINCE_CENTROIDS } from '../../shared/domain/province-centroids';
import { DispatchInputError } from './errors';
import { unitsPerPerson, type NormsFile } from './norms';
import { DISPATCH_DEFAULTS, parseDispatchProblem, type DispatchDemand, type DispatchDepot, type DispatchProblem } from './problem';

/**
 * A "what if" scenario turned into a dispatch problem: affected areas with the number of people
 * to be supplied, a duration, and the per-capita norms give the demand per category; the depots'
 * supply (stock above floor, see supply.ts) gives the rest.
 */

export interface ScenarioArea {
  /** Demand point id, e.g. the region's adcode. */
  id: string;
  lon: number;
  lat: number;
  /** People to supply (emergency relocation, 紧急转移安置人口), not the whole population. */
  population: number;
}

export interface Scenario {
  areas: readonly ScenarioArea[];
  durationDays: number;
  /** Cold season: adds the norms marked `cold` (padded coats). */
  coldSeason?: boolean;
}

/**
 * An affected province as one demand point at its label point. Without `population` the whole
 * 2020 census population is taken, which is only meaningful for rough upper bounds.
 */
export function provinceArea(adcode: string, population?: number): ScenarioArea {
  const at = PROVINCE_CENTROIDS[adcode];
  const census = PROVINCE_POPULATION_2020_MILLIONS[adcode];
  if (!at || census === undefined) throw new DispatchInputError(`no province with adcode ${adcode}`);
  return { id: adcode, lon: at[0], lat: at[1], population: population ?? Math.round(census * 1e6) };
}

const roundUp = (x: number, whole: boolean): number => (whole ? Math.ceil(x - 1e-9) : Math.ceil(x * 1000 - 1e-6) / 1000);

/** Demand of each area per category, from the norms. */
export function scenarioDemands(scenario: Scenario, norms: NormsFile): DispatchDemand[] {
  if (!(scenario.durationDays > 0) || !Number.isFinite(scenario.durationDays)) {
    throw new DispatchInputError(`scenario duration must be a positive number of days, not ${scenario.durationDays}`);
  }
  const seen = new Set<string>();
  return scenario.areas.map((a) => {
    if (seen.has(a.id)) throw new DispatchInputError(`scenario area "${a.id}" is listed twice`);
    seen.add(a.id);
    if (!(a.population >= 0) || !Number.isFinite(a.population)) throw new DispatchInputError(`scenario area "${a.id}": population must be ≥ 0`);
    const exact = new Map<string, { quantity: number; whole: boolean }>();
    for (const n of norms.norms) {
      if (n.season === 'cold' && !scenario.coldSeason) continue;
      const per = unitsPerPerson(n) * (n.basis === 'per-person-day' ? scenario.durationDays : 1);
      const prev = exact.get(n.category);
      exact.set(n.category, { quantity: (prev?.quantity ?? 0) + a.population * per, whole: n.wholeUnits });
    }
    const demand: Record<string, number> = {};
    for (const [category, { quantity, whole }] of exact) {
      const q = roundUp(quantity, whole);
      if (q > 0) demand[category] = q;
    }
    return { id: a.id, lon: a.lon, lat: a.lat, demand };
  });
}

export interface ScenarioProblemParams {
  roadFactor?: number;
  speedKmh?: number;
  shortagePenalty?: number;
}

/** The dispatch problem of a scenario: its demand points, and the depots' supply of what they need. */
export function buildScenarioProblem(
  scenario: Scenario,
  depots: readonly DispatchDepot[],
  norms: NormsFile,
  params: ScenarioProblemParams = {},
): DispatchProblem {
  const demands = scenarioDemands(scenario, norms);
  const needed = new Set(demands.flatMap((d) => Object.keys(d.demand)));
  const supplying = depots
    .map((d) => ({ ...d, supply: Object.fromEntries(Object.entries(d.supply).filter(([c, q]) => needed.has(c) && q > 0)) }))
    .filter((d) => Object.keys(d.supply).length > 0);
  return parseDispatchProblem({
    depots: supplying,
    demands,
    roadFactor: params.roadFactor ?? DISPATCH_DEFAULTS.roadFactor,
    speedKmh: params.speedKmh ?? DISPATCH_DEFAULTS.speedKmh,
    shortagePenalty: params.shortagePenalty ?? DISPATCH_DEFAULTS.shortagePenalty,
  });
}
