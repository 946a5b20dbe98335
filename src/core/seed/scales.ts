import { CATEGORIES } from './categories';

export type SeedScale = 'tiny' | 'demo' | 'national';

export interface ScaleSpec {
  /** Depots across the 31 provinces. */
  depots: number;
  /** Every province gets at least this many. */
  minDepotsPerProvince: number;
  /** Lots a stocked category typically holds at once; more means smaller lots. */
  lotsPerSlot: number;
  /** Emergency dispatches per depot per year (summer peaks on top). */
  incidentsPerDepotYear: number;
  /** Day-to-day releases per depot per year. */
  routinePerDepotYear: number;
  /** Length of the simulated history ending at asOf. */
  historyDays: number;
  /** Measured average events per depot, for progress estimates. */
  eventsPerDepot: number;
}

export const SCALES: Readonly<Record<SeedScale, ScaleSpec>> = {
  tiny: {
    depots: 62,
    minDepotsPerProvince: 2,
    lotsPerSlot: 1.5,
    incidentsPerDepotYear: 1,
    routinePerDepotYear: 20,
    historyDays: 730,
    eventsPerDepot: 197,
  },
  demo: {
    depots: 600,
    minDepotsPerProvince: 6,
    lotsPerSlot: 5,
    incidentsPerDepotYear: 4,
    routinePerDepotYear: 78,
    historyDays: 730,
    eventsPerDepot: 845,
  },
  national: {
    depots: 6000,
    minDepotsPerProvince: 40,
    lotsPerSlot: 5,
    incidentsPerDepotYear: 4,
    routinePerDepotYear: 78,
    historyDays: 730,
    eventsPerDepot: 903,
  },
};

/** Approximate total number of drafts across all regions, for progress bars. */
export function estimateEventCount(scale: SeedScale): number {
  const spec = SCALES[scale];
  // plus one declaration per region and the national category list
  return Math.round(spec.depots * spec.eventsPerDepot) + 32 + CATEGORIES.length;
}
