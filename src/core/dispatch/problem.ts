import { z } from 'zod';
import { ROAD_DEFAULTS } from '../../shared/domain/simulation-scenario';
import { DispatchInputError } from './errors';

/**
 * The dispatch problem file (README, "Dispatch model"): depots with what they can give per
 * category, demand points with what they need, and the travel-time parameters.
 */

/** Quantities above this are refused: they are typos, and they would blur the solver's tolerances. */
export const MAX_QUANTITY = 1e12;

const id = z.string().min(1, 'must not be empty').max(128);
const quantity = z
  .number({ error: 'must be a number' })
  .nonnegative('must be ≥ 0')
  .max(MAX_QUANTITY, `must be ≤ ${MAX_QUANTITY}`);
const byCategory = z.record(z.string().min(1, 'category codes must not be empty').max(64), quantity);
const lon = z.number({ error: 'must be a number' }).min(-180, 'must be within -180…180').max(180, 'must be within -180…180');
const lat = z.number({ error: 'must be a number' }).min(-90, 'must be within -90…90').max(90, 'must be within -90…90');

export const dispatchDepotSchema = z.strictObject({
  id,
  lon,
  lat,
  supply: byCategory,
  /** Hours added to every trip from this source: the cost of calling on it (civilian stock). */
  extraHours: z.number().nonnegative('must be ≥ 0').max(10_000, 'must be ≤ 10000').optional(),
});
export const dispatchDemandSchema = z.strictObject({ id, lon, lat, demand: byCategory });

export const DISPATCH_DEFAULTS = { ...ROAD_DEFAULTS, shortagePenalty: 1_000_000 } as const;

/**
 * What the lorries can carry for this plan (README, "Dispatch model"): every unit sent weighs its
 * category's tonnes, the state's fleet carries `tonnes` in all, and civilian transport units
 * (the civilian asset registry) may carry up to `civilianTonnes` more, each tonne at
 * `civilianHoursPerTonne` of cost, so they are called on before anything is left short.
 */
export const dispatchTransportSchema = z.strictObject({
  tonnes: z.number({ error: 'must be a number' }).nonnegative('must be ≥ 0').max(MAX_QUANTITY, `must be ≤ ${MAX_QUANTITY}`),
  tonnesPerUnit: z.record(z.string().min(1).max(64), z.number({ error: 'must be a number' }).nonnegative('must be ≥ 0').max(1000, 'must be ≤ 1000 t a unit')),
  civilianTonnes: quantity.default(0),
  civilianHoursPerTonne: z.number().nonnegative('must be ≥ 0').max(10_000, 'must be ≤ 10000').default(24),
});

export const dispatchProblemSchema = z
  .strictObject({
    depots: z.array(dispatchDepotSchema),
    demands: z.array(dispatchDemandSchema),
    roadFactor: z.number().min(1, 'must be ≥ 1 (roads are never shorter than the great circle)').max(10).default(DISPATCH_DEFAULTS.roadFactor),
    speedKmh: z.number().positive('must be > 0').max(1000).default(DISPATCH_DEFAULTS.speedKmh),
    shortagePenalty: z.number().positive('must be > 0').max(1e12).default(DISPATCH_DEFAULTS.shortagePenalty),
    transport: dispatchTransportSchema.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.transport) {
      const weighed = p.transport.tonnesPerUnit;
      const missing = [...new Set(p.demands.flatMap((d) => Object.keys(d.demand).filter((c) => (d.demand[c] ?? 0) > 0 && weighed[c] === undefined)))].sort();
      if (missing.length > 0) ctx.addIssue({ code: 'custom', path: ['transport', 'tonnesPerUnit'], message: `no weight for the demanded categor${missing.length === 1 ? 'y' : 'ies'} ${missing.join(', ')}` });
    }
    const unique = (key: 'depots' | 'demands') => {
      const seen = new Set<string>();
      p[key].forEach((row, i) => {
        if (seen.has(row.id)) ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `duplicate id "${row.id}"` });
        seen.add(row.id);
      });
    };
    unique('depots');
    unique('demands');
  });

export type DispatchProblem = z.output<typeof dispatchProblemSchema>;
export type DispatchProblemInput = z.input<typeof dispatchProblemSchema>;
export type DispatchDepot = DispatchProblem['depots'][number];
export type DispatchDemand = DispatchProblem['demands'][number];
export type DispatchTransport = NonNullable<DispatchProblem['transport']>;

export interface DispatchFlow {
  from: string;
  to: string;
  category: string;
  quantity: number;
  hours: number;
}

export interface DispatchShortfall {
  to: string;
  category: string;
  quantity: number;
}

/** What the plan loads on the lorries, when the problem limits them. */
export interface DispatchTransportUse {
  /** Tonnes of every flow together. */
  tonnes: number;
  /** Of them, carried by civilian transport: what the state's fleet cannot. */
  civilianTonnes: number;
}

export interface DispatchSolution {
  status: 'optimal';
  objective: number;
  flows: DispatchFlow[];
  shortfalls: DispatchShortfall[];
  transport?: DispatchTransportUse;
}

/** `problem.depots[2].supply.GR-RICE: must be ≥ 0` — one line per issue, at most five. */
export function formatIssues(error: z.ZodError, root = 'problem'): string {
  const lines = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : `${acc}.${String(part)}`), root);
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > 5 ? `; and ${error.issues.length - 5} more` : '';
  return `${lines.join('; ')}${more}`;
}

/** Validates a parsed JSON value as a dispatch problem, filling in the defaults. */
export function parseDispatchProblem(value: unknown): DispatchProblem {
  const parsed = dispatchProblemSchema.safeParse(value);
  if (!parsed.success) throw new DispatchInputError(`invalid dispatch problem: ${formatIssues(parsed.error)}`);
  return parsed.data;
}
