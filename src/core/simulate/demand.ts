import { neededCategories } from '../dispatch/recommend';
import { provinceArea, scenarioDemands } from '../dispatch/scenario';
import { unitsPerPerson, type NormsFile } from '../dispatch/norms';
import { SimulateInputError } from './errors';
import { activeEnd, type SimulationScenario } from './scenario';

/**
 * Demand of a scenario by the per-capita norms (resources/norms/sphere-norms.json), per
 * affected region and category:
 *
 * - a **daily** category (norm per person and day: water, cereal, oil) is needed every day the
 *   region is affected, population × norm, rounded up as the dispatch scenario does;
 * - a **one-off** category (norm per person: tents, quilts, kits) is needed once, from the
 *   onset day; what is not delivered stays owed on the following days while the region is
 *   affected.
 *
 * Each category also has its weight in person-days: how many person-days of its need one unit
 * meets (a tonne of rice: 2,000 person-days of cereal at 0.5 kg, half of it from rice). The
 * shortfall of a plan is counted in these person-days, summed over the needs.
 */

export type CategoryBasis = 'daily' | 'one-off';

export interface CategoryNeed {
  category: string;
  basis: CategoryBasis;
  /** Person-days of need met by one unit (persons, for a one-off category). */
  personDaysPerUnit: number;
}

export interface RegionDemand {
  region: string;
  lon: number;
  lat: number;
  /** First day and last day (exclusive) within the horizon. */
  start: number;
  end: number;
  /** Units per affected day (daily categories) or once (one-off categories). */
  quantity: Record<string, number>;
}

export interface ScenarioDemand {
  needs: CategoryNeed[];
  regions: RegionDemand[];
}

export function scenarioNeeds(scenario: Pick<SimulationScenario, 'coldSeason'>, norms: NormsFile): CategoryNeed[] {
  return neededCategories(scenario, norms).map((category) => {
    const own = norms.norms.filter((n) => n.category === category && (n.season === 'any' || scenario.coldSeason));
    const bases = new Set(own.map((n) => n.basis));
    if (bases.size > 1) throw new SimulateInputError(`the norms give category ${category} both a daily and a one-off need; the simulation needs one of them`);
    const share = own.reduce((s, n) => s + n.share, 0);
    const units = own.reduce((s, n) => s + unitsPerPerson(n), 0);
    return { category, basis: bases.has('per-person') ? 'one-off' : 'daily', personDaysPerUnit: share / units };
  });
}

export function scenarioDemand(scenario: SimulationScenario, norms: NormsFile): ScenarioDemand {
  const needs = scenarioNeeds(scenario, norms);
  const ofBasis = (basis: 'per-person-day' | 'per-person'): NormsFile => ({ ...norms, norms: norms.norms.filter((n) => n.basis === basis) });
  const perDay = ofBasis('per-person-day');
  const once = ofBasis('per-person');
  const regions = scenario.affected.map((a) => {
    const area = provinceArea(a.region, a.population);
    // One day of the daily norms, and the one-off norms (counted once whatever the duration).
    const one = { areas: [area], durationDays: 1, coldSeason: scenario.coldSeason };
    const quantity: Record<string, number> = {};
    for (const part of [perDay.norms.length ? scenarioDemands(one, perDay) : [], once.norms.length ? scenarioDemands(one, once) : []]) {
      for (const [c, q] of Object.entries(part[0]?.demand ?? {})) quantity[c] = q;
    }
    return { region: a.region, lon: area.lon, lat: area.lat, start: a.onsetDay, end: activeEnd(a, scenario.days), quantity };
  });
  return { needs, regions };
}
