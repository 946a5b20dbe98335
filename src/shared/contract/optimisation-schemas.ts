import { z } from 'zod';
import { regionIssueResultSchema } from './dispatch-schemas';
import { UNPLANNED_CODES } from '../domain/unplanned-reason';

/**
 * The optimisation wall (README, "Optimisation wall"): cost structure, rotation calendar and its
 * issue as signed rotation instructions, layout before/after, and the reserve sizing hint. Every
 * request names the region in scope, or null for the whole country.
 */

const adcode = z.string().regex(/^\d{6}$/, 'adcode must be 6 digits');
const code = z.string().min(1).max(64);
const month = z.string().regex(/^\d{4}-\d{2}$/, 'month must be YYYY-MM');
const scope = adcode.nullable();
const named = { nameZh: z.string(), nameEn: z.string() };
const split = { storage: z.number(), rotation: z.number(), transport: z.number() };

export const optimisationCategorySchema = z.object({ code, ...named, unit: z.string(), unitEn: z.string(), class: z.string() });
export const optimisationDepotSchema = z.object({ code, ...named, region: adcode });

export const rotationRequestSchema = z.object({
  region: scope,
  months: z.number().int().min(1, 'months must be within 1…36').max(36, 'months must be within 1…36').default(12),
  /** Chosen by the caller so it can tell its own progress events from another window's. */
  runId: z.string().min(1).max(64).optional(),
});

export const rotationViewSchema = z.object({
  region: scope,
  firstMonth: month,
  months: z.array(month),
  depots: z.array(optimisationDepotSchema),
  categories: z.array(optimisationCategorySchema),
  rotations: z.array(
    z.object({ lot: code, depot: code, category: code, quantity: z.number().int().positive(), month, sellBy: month, arrives: month, cost: z.number() }),
  ),
  floorByMonth: z.array(z.object({ depot: code, class: z.string(), month, held: z.number(), floor: z.number(), belowFloorAtStart: z.literal(true).optional() })),
  /** `code` says why in a word the wall translates; `reason` is the planner's sentence with its figures. */
  unplanned: z.array(z.object({ lot: code, depot: code, code: z.enum(UNPLANNED_CODES), reason: z.string() })),
  cost: z.number(),
  model: z.object({ columns: z.number().int(), rows: z.number().int(), binaries: z.number().int(), solverMs: z.number(), models: z.number().int() }),
  solveMillis: z.number().nonnegative(),
});
export type RotationView = z.output<typeof rotationViewSchema>;

export const costsRequestSchema = z.object({ region: scope });
export const costStructureSchema = z.object({
  region: scope,
  currency: z.literal('CNY'),
  /** Whether any figure of the cost model is a demo value. */
  demo: z.boolean(),
  months: z.array(month),
  byMonth: z.array(z.object({ month, ...split })),
  byCategory: z.array(z.object({ category: code, ...named, class: z.string(), ...split })),
  byRegion: z.array(z.object({ region: adcode, ...named, ...split })),
  uncosted: z.array(code),
});
export type CostStructure = z.output<typeof costStructureSchema>;

export const layoutRequestSchema = z.object({
  region: scope,
  /** At most this many sites open; default: as many as hold reserves today. */
  maxOpen: z.number().int().min(1, 'max sites must be ≥ 1').max(500, 'max sites must be ≤ 500').nullable().default(null),
  runId: z.string().min(1).max(64).optional(),
});
const layoutSize = z.object({ candidates: z.number().int(), demands: z.number().int(), current: z.number().int(), maxOpen: z.number().int() });
export const layoutViewSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('optimal'),
    region: scope,
    sites: z.array(z.object({ id: code, ...named, lon: z.number(), lat: z.number(), capacity: z.number(), current: z.boolean(), proposed: z.boolean(), depots: z.number().int() })),
    coverage: z.array(z.object({ hours: z.number(), before: z.number().min(0).max(1), after: z.number().min(0).max(1) })),
    cost: z.object({ before: z.number(), after: z.number(), fixedBefore: z.number(), fixedAfter: z.number() }),
    size: layoutSize,
    solveMillis: z.number().nonnegative(),
  }),
  z.object({ status: z.literal('infeasible'), region: scope, reason: z.string(), size: layoutSize }),
]);
export type LayoutView = z.output<typeof layoutViewSchema>;

export const sizingRequestSchema = z.object({ region: scope });
export const sizingViewSchema = z.object({
  affectedShare: z.number(),
  responseDays: z.number().int(),
    /** Persons supported for the standard response; the target is the registered plan, or the hint where none is set. */
  rows: z.array(
    z.object({
      region: adcode,
      ...named,
      class: z.string(),
      riskIndex: z.number(),
      required: z.number(),
      held: z.number(),
      planned: z.number(),
      target: z.number(),
      targetSource: z.enum(['plan', 'hint']),
      completion: z.number().nullable(),
    }),
  ),
});
export type SizingView = z.output<typeof sizingViewSchema>;

export const rotationIssueRowSchema = z.object({
  lot: code,
  depot: code,
  category: code,
  quantity: z.number({ error: 'quantity must be a number' }).int('quantity must be a whole number').positive('quantity must be > 0').max(1e12),
  month,
});
export const rotationIssueRequestSchema = z.object({
  rotations: z.array(rotationIssueRowSchema).min(1, 'a rotation plan to issue needs at least one row').max(5000),
  label: z.string().trim().min(1).max(100),
});
export const rotationIssueResponseSchema = z.object({ results: z.array(regionIssueResultSchema.extend({ month })) });
export type RotationIssueResult = z.output<typeof rotationIssueResponseSchema>['results'][number];

export const optimisationProgressSchema = z.object({
  runId: z.string().nullable(),
  task: z.enum(['rotation', 'layout']),
  phase: z.enum(['reading', 'solving', 'done']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type OptimisationProgress = z.output<typeof optimisationProgressSchema>;

/** Channels of the optimisation wall (merged into the contract's channel list). */
export const optimisationChannels = {
  /** The rotation plan of the region's lots over the next months, solved off the host's thread. */
  'optimisation:rotation': { request: rotationRequestSchema, response: rotationViewSchema },
  /** One signed rotation instruction per region and month of the rows kept. */
  'optimisation:issue-rotation': { request: rotationIssueRequestSchema, response: rotationIssueResponseSchema },
  'optimisation:costs': { request: costsRequestSchema, response: costStructureSchema },
  /** The layout proposal on the reduced problem, with today's layout for comparison. */
  'optimisation:layout': { request: layoutRequestSchema, response: layoutViewSchema },
  'optimisation:sizing': { request: sizingRequestSchema, response: sizingViewSchema },
} as const;
