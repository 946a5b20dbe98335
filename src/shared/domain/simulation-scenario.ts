import { z } from 'zod';
import { PROVINCE_CENTROIDS } from './province-centroids';

/**
 * The scenario of a simulation (README, "Scenario simulation"): who is affected, from which day
 * and for how long, over a horizon of days, and the response plans to compare. Shared, so the
 * app's scenario editor, the host and `inrs simulate` check one schema.
 */

/** Horizons beyond a year are refused: they are typos, and the model grows with every day. */
export const MAX_DAYS = 366;
export const MAX_PLANS = 20;
/** Roads are never shorter than the great circle; the dispatch model's defaults. */
export const ROAD_DEFAULTS = { roadFactor: 1.3, speedKmh: 60 } as const;

const province = z.string().refine((code) => PROVINCE_CENTROIDS[code] !== undefined, {
  error: (issue) => `${JSON.stringify(issue.input)} is not the adcode of one of the 31 provinces`,
});
const wholeDays = (min: number) =>
  z
    .number({ error: 'must be a number' })
    .int('must be a whole number of days')
    .min(min, `must be ≥ ${min}`)
    .max(MAX_DAYS, `must be ≤ ${MAX_DAYS}`);

export const affectedSchema = z.strictObject({
  region: province,
  /** People to supply (emergency relocation, 紧急转移安置人口), not the whole population. */
  population: z.number({ error: 'must be a number' }).int('must be a whole number of people').nonnegative('must be ≥ 0').max(2e9, 'must be ≤ 2e9'),
  /** First day (0-based) the people need supplies. */
  onsetDay: wholeDays(0),
  durationDays: wholeDays(1),
});

export const planSchema = z.strictObject({
  id: z.string().min(1, 'must not be empty').max(64),
  /** Regions whose depots may send; "all" for every region. */
  sourceRegions: z.union([z.literal('all'), z.array(province).min(1, 'must list at least one region, or be "all"')]),
  /** Tonnes all legs together may move per day; null for no limit. */
  dailyTransportTonnes: z.number({ error: 'must be a number or null' }).nonnegative('must be ≥ 0').max(1e9).nullable(),
  /** Every unit sent is reordered and arrives back at its region this many days later; null for no replenishment. */
  replenishLeadDays: wholeDays(1).nullable(),
  /** Whether depots may send stock below their safety floor. */
  belowFloor: z.boolean({ error: 'must be true or false' }),
  /**
   * Whether the civilian transport units onboarded in the registry (in tonnes per day) add their
   * capacity to dailyTransportTonnes; no effect without a transport limit.
   */
  civilianTransport: z.boolean({ error: 'must be true or false' }).default(false),
});

export const simulationScenarioSchema = z
  .strictObject({
    title: z.string().max(200).optional(),
    days: wholeDays(1),
    affected: z.array(affectedSchema).min(1, 'must list at least one affected region'),
    plans: z.array(planSchema).min(1, 'must list at least one plan').max(MAX_PLANS, `must list at most ${MAX_PLANS} plans`),
    /** Cold season: adds the norms marked cold (padded coats). */
    coldSeason: z.boolean().default(false),
    /** Calendar month (1…12) of the orders, for the cost model's price index; index 1 when absent. */
    month: z.number().int('must be a whole month').min(1, 'must be within 1…12').max(12, 'must be within 1…12').optional(),
    roadFactor: z.number().min(1, 'must be ≥ 1').max(10).default(ROAD_DEFAULTS.roadFactor),
    speedKmh: z.number().positive('must be > 0').max(1000).default(ROAD_DEFAULTS.speedKmh),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.affected.forEach((a, i) => {
      if (seen.has(a.region)) ctx.addIssue({ code: 'custom', path: ['affected', i, 'region'], message: `region ${a.region} is listed twice` });
      seen.add(a.region);
      if (a.onsetDay >= s.days) ctx.addIssue({ code: 'custom', path: ['affected', i, 'onsetDay'], message: `must be within the horizon (< days = ${s.days})` });
    });
    const ids = new Set<string>();
    s.plans.forEach((p, i) => {
      if (ids.has(p.id)) ctx.addIssue({ code: 'custom', path: ['plans', i, 'id'], message: `duplicate plan id "${p.id}"` });
      ids.add(p.id);
      if (Array.isArray(p.sourceRegions) && new Set(p.sourceRegions).size !== p.sourceRegions.length) {
        ctx.addIssue({ code: 'custom', path: ['plans', i, 'sourceRegions'], message: 'lists a region twice' });
      }
    });
  });

export type SimulationScenario = z.output<typeof simulationScenarioSchema>;
export type SimulationScenarioInput = z.input<typeof simulationScenarioSchema>;
export type SimulationPlan = SimulationScenario['plans'][number];
export type AffectedRegion = SimulationScenario['affected'][number];
