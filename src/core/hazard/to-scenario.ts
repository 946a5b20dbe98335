import { MAX_DAYS, parseSimulationScenario, type SimulationScenario } from '../simulate/scenario';
import type { HazardEstimate } from './affected';
import { HazardFileError } from './errors';

/**
 * A scenario pre-filled from a hazard estimate, for `inrs simulate` or the app: day 0 is the
 * earliest validFrom; each region is affected from the day its warning starts for as many whole
 * days as it lasts (at least one); the horizon ends with the last one unless given. Two plans to
 * start the comparison from: the affected regions' own depots, and every region's, both within
 * their floors and without limits or replenishment; an officer edits them.
 */

const DAY_MS = 86_400_000;

export interface HazardScenarioOptions {
  /** Part of the estimated population to supply (emergency relocation); 1 by default. */
  share?: number;
  /** Horizon in days; the end of the last warning by default. */
  days?: number;
  title?: string;
}

export function hazardScenario(estimate: HazardEstimate, options: HazardScenarioOptions = {}): SimulationScenario {
  const share = options.share ?? 1;
  const regions = estimate.regions.filter((r) => r.population > 0);
  if (regions.length === 0) throw new HazardFileError('the warned areas cover no populated part of the 31 provinces: there is no one to simulate for', 'no-population');
  const t0 = Math.min(...regions.map((r) => Date.parse(r.validFrom)));
  const affected = regions.map((r) => {
    const from = Date.parse(r.validFrom);
    return {
      region: r.region,
      population: Math.round(r.population * share),
      onsetDay: Math.floor((from - t0) / DAY_MS),
      durationDays: Math.max(1, Math.ceil((Date.parse(r.validTo) - from) / DAY_MS)),
    };
  });
  const days = Math.min(MAX_DAYS, options.days ?? Math.max(...affected.map((a) => a.onsetDay + a.durationDays)));
  const plan = (id: string, sourceRegions: string[] | 'all') => ({ id, sourceRegions, dailyTransportTonnes: null, replenishLeadDays: null, belowFloor: false });
  return parseSimulationScenario({
    title: options.title ?? `hazard from ${new Date(t0).toISOString()}`,
    days,
    affected: affected.filter((a) => a.onsetDay < days).map((a) => ({ ...a, durationDays: Math.min(a.durationDays, MAX_DAYS) })),
    plans: [plan('affected-regions', affected.map((a) => a.region)), plan('all-regions', 'all')],
  });
}
