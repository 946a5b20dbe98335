import { z } from 'zod';
import { formatIssues } from '../dispatch/problem';

/**
 * The layout problem file (README, "Layout model"): candidate sites with a fixed annual cost
 * and a capacity, demand points with their weight, at most `maxOpen` sites open.
 */
export class LayoutInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LayoutInputError';
  }
}

const MAX_VALUE = 1e12;
const id = z.string().min(1, 'must not be empty').max(128);
const amount = z.number({ error: 'must be a number' }).nonnegative('must be ≥ 0').max(MAX_VALUE, `must be ≤ ${MAX_VALUE}`);
const lon = z.number({ error: 'must be a number' }).min(-180, 'must be within -180…180').max(180, 'must be within -180…180');
const lat = z.number({ error: 'must be a number' }).min(-90, 'must be within -90…90').max(90, 'must be within -90…90');

export const LAYOUT_DEFAULTS = { roadFactor: 1.3, speedKmh: 60 } as const;

export const layoutProblemSchema = z
  .strictObject({
    candidates: z.array(z.strictObject({ id, lon, lat, fixedCost: amount, capacity: amount })).min(1, 'must list at least one candidate site'),
    demands: z.array(z.strictObject({ id, lon, lat, demand: amount })),
    maxOpen: z.number({ error: 'must be a number' }).int('must be a whole number').nonnegative('must be ≥ 0'),
    roadFactor: z.number().min(1, 'must be ≥ 1 (roads are never shorter than the great circle)').max(10).default(LAYOUT_DEFAULTS.roadFactor),
    speedKmh: z.number().positive('must be > 0').max(1000).default(LAYOUT_DEFAULTS.speedKmh),
  })
  .superRefine((p, ctx) => {
    for (const key of ['candidates', 'demands'] as const) {
      const seen = new Set<string>();
      p[key].forEach((row, i) => {
        if (seen.has(row.id)) ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `duplicate id "${row.id}"` });
        seen.add(row.id);
      });
    }
  });

export type LayoutProblem = z.output<typeof layoutProblemSchema>;
export type LayoutProblemInput = z.input<typeof layoutProblemSchema>;

export interface LayoutFlow {
  from: string;
  to: string;
  quantity: number;
  hours: number;
}

export type LayoutSolution =
  | {
      status: 'optimal';
      objective: number;
      open: string[];
      flows: LayoutFlow[];
      fixedCost: number;
      travelCost: number;
      /** How it was solved: the nearest-arcs rounds and the arcs of the last one (nearest-arcs.ts). */
      method?: 'nearest-arcs';
      rounds?: number;
      arcs?: number;
    }
  | { status: 'infeasible'; reason: string };

/** Validates a parsed JSON value as a layout problem, filling in the defaults. */
export function parseLayoutProblem(value: unknown): LayoutProblem {
  const parsed = layoutProblemSchema.safeParse(value);
  if (!parsed.success) throw new LayoutInputError(`invalid layout problem: ${formatIssues(parsed.error)}`);
  return parsed.data;
}
