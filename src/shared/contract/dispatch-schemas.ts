import { z } from 'zod';

/**
 * Dispatch recommendation and its issue as signed instructions (README, "Dispatch model"):
 * a scenario in, a plan with its explanation out; the officer's edited lines in, one signed
 * instruction per source region out.
 */

const adcode = z.string().regex(/^\d{6}$/, 'adcode must be 6 digits');
const code = z.string().min(1).max(64);
/** The replica's largest figures are far below this; a bigger number is a typo. */
const MAX_PEOPLE = 200_000_000;

export const dispatchScenarioSchema = z
  .object({
    /** Affected provinces (demand points at their label points). */
    regions: z.array(adcode).min(1, 'name at least one affected region').max(34),
    /** People to supply (emergency relocation) in each affected region. */
    population: z.record(adcode, z.number().int().min(1, 'people to supply must be ≥ 1').max(MAX_PEOPLE)),
    durationDays: z.number().int().min(1, 'duration must be ≥ 1 day').max(90, 'duration must be ≤ 90 days'),
    coldSeason: z.boolean().default(false),
    /** Provinces whose depots may send (a simulated response plan's); absent: every depot in the officer's scope. */
    sourceRegions: z.array(adcode).min(1, 'name at least one source region, or none at all').max(34).optional(),
    roadFactor: z.number().min(1).max(10).optional(),
    speedKmh: z.number().positive().max(200).optional(),
    /**
     * The lorries: what the state's fleet carries a day for this plan, over how many days the
     * plan is to be delivered, and whether the onboarded civilian transport units may carry
     * what it cannot. Absent: transport is not limited.
     */
    transport: z
      .object({
        tonnesPerDay: z.number({ error: 'tonnes per day must be a number' }).nonnegative('tonnes per day must be ≥ 0').max(1e9, 'tonnes per day must be ≤ 1e9'),
        days: z.number().int('delivery days must be a whole number').min(1, 'delivery days must be ≥ 1').max(90, 'delivery days must be ≤ 90'),
        civilian: z.boolean().default(false),
      })
      .optional(),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.regions.forEach((r, i) => {
      if (seen.has(r)) ctx.addIssue({ code: 'custom', path: ['regions', i], message: `region ${r} is listed twice` });
      seen.add(r);
      if (s.population[r] === undefined) ctx.addIssue({ code: 'custom', path: ['population', r], message: `no people to supply given for region ${r}` });
    });
  });
export type DispatchScenario = z.output<typeof dispatchScenarioSchema>;
export type DispatchScenarioInput = z.input<typeof dispatchScenarioSchema>;

export const dispatchRecommendRequestSchema = z.object({
  scenario: dispatchScenarioSchema,
  /** Chosen by the caller so it can tell its own progress events from another window's. */
  runId: z.string().min(1).max(64).optional(),
});

const named = { nameZh: z.string(), nameEn: z.string() };
const categoryInfo = { category: code, categoryName: z.string(), categoryNameEn: z.string(), unit: z.string(), unitEn: z.string() };

export const planFlowSchema = z.object({
  /** The source is civilian stock held by its owner for the state (the civilian asset registry), not a depot. */
  civilian: z.literal(true).optional(),
  from: code,
  fromName: z.string(),
  fromNameEn: z.string(),
  fromRegion: adcode,
  fromLon: z.number(),
  fromLat: z.number(),
  to: adcode,
  toName: z.string(),
  toNameEn: z.string(),
  toLon: z.number(),
  toLat: z.number(),
  ...categoryInfo,
  /** Whole units: supply is taken down and demand up to whole units before the solve. */
  quantity: z.number().int().positive(),
  hours: z.number().nonnegative(),
  /** What the source depot holds of the category above its floor: the most a line may ask. */
  available: z.number().int().nonnegative(),
});

export const planShortfallSchema = z.object({ to: adcode, toName: z.string(), toNameEn: z.string(), ...categoryInfo, quantity: z.number().int().positive() });

export const categoryBalanceSchema = z.object({
  ...categoryInfo,
  demand: z.number().int().nonnegative(),
  /** Stock above floor, all depots. */
  available: z.number().int().nonnegative(),
  supplied: z.number().int().nonnegative(),
  shortfall: z.number().int().nonnegative(),
  depots: z.number().int().nonnegative(),
});

export const bindingDepotSchema = z.object({
  depot: code,
  depotName: z.string(),
  depotNameEn: z.string(),
  region: adcode,
  ...categoryInfo,
  available: z.number().int().positive(),
  used: z.number().int().positive(),
});

export const DISPATCH_NOTE_CODES = ['no-supply', 'shortfall', 'cold-season', 'whole-units', 'not-derived', 'transport-limit', 'civilian-transport'] as const;
export const dispatchNoteSchema = z.object({ code: z.enum(DISPATCH_NOTE_CODES), category: code.optional(), count: z.number().int().nonnegative().optional() });

/** A civilian transport unit the plan calls on, and the tonnes it is asked to carry. */
export const transportUnitUseSchema = z.object({
  resourceId: code,
  name: z.string(),
  region: adcode,
  /** The contributor whose lorries they are. */
  holder: z.string(),
  tonnesPerDay: z.number().positive(),
  tonnes: z.number().nonnegative(),
});

/** The lorries, when the scenario limits them: what the plan loads against what can be carried. */
export const transportExplanationSchema = z.object({
  /** The state's fleet: tonnes a day × delivery days. */
  stateTonnes: z.number().nonnegative(),
  /** What the onboarded civilian units can carry over the same days (0 when the plan may not call on them). */
  civilianAvailableTonnes: z.number().nonnegative(),
  /** Tonnes the plan's lines load, and of them what civilian transport carries. */
  loadedTonnes: z.number().nonnegative(),
  civilianTonnes: z.number().nonnegative(),
  /** The fleet (and civilian units) carry all they can: more lorries would send more. */
  binding: z.boolean(),
  units: z.array(transportUnitUseSchema),
  days: z.number().int().positive(),
});

export const dispatchRecommendationSchema = z.object({
  scenario: dispatchScenarioSchema,
  plan: z.object({
    flows: z.array(planFlowSchema),
    shortfalls: z.array(planShortfallSchema),
    objective: z.number(),
    status: z.literal('optimal'),
  }),
  explanation: z.object({
    /** Per category the scenario needs: demand, what all depots can give, what the plan sends. */
    demandByCategory: z.array(categoryBalanceSchema),
    supplyByCategory: z.array(z.object({ ...categoryInfo, available: z.number().int().nonnegative(), depots: z.number().int().nonnegative() })),
    /** Depots whose whole stock above floor of a category is used: the constraints that bind. */
    binding: z.array(bindingDepotSchema),
    shortfalls: z.array(planShortfallSchema),
    notes: z.array(dispatchNoteSchema),
    transport: transportExplanationSchema.optional(),
  }),
  areas: z.array(z.object({ region: adcode, ...named, lon: z.number(), lat: z.number(), population: z.number().int() })),
  size: z.object({ depots: z.number().int().nonnegative(), demandPoints: z.number().int().nonnegative(), categories: z.number().int().nonnegative() }),
  solveMillis: z.number().nonnegative(),
});
export type DispatchRecommendation = z.output<typeof dispatchRecommendationSchema>;
export type PlanFlow = z.output<typeof planFlowSchema>;
export type PlanShortfall = z.output<typeof planShortfallSchema>;
export type CategoryBalance = z.output<typeof categoryBalanceSchema>;
export type BindingDepot = z.output<typeof bindingDepotSchema>;
export type DispatchNote = z.output<typeof dispatchNoteSchema>;
export type TransportExplanation = z.output<typeof transportExplanationSchema>;

/** A plan line as the officer left it: the quantity may be edited, rows may be removed. */
export const issueLineSchema = z.object({
  from: code,
  to: adcode,
  category: code,
  quantity: z.number({ error: 'quantity must be a number' }).int('quantity must be a whole number').positive('quantity must be > 0').max(1e12),
});
export type IssueLine = z.output<typeof issueLineSchema>;

/** A civilian transport unit the plan calls on (the recommendation's `explanation.transport.units`). */
export const transportCallSchema = z.object({
  unit: code,
  tonnes: z.number().positive('tonnes must be > 0').max(1e9),
  days: z.number().int().min(1).max(90),
});
export type TransportCall = z.output<typeof transportCallSchema>;

export const dispatchIssueRequestSchema = z.object({
  lines: z.array(issueLineSchema).min(1, 'a plan to issue needs at least one line').max(5000),
  label: z.string().trim().min(1).max(100),
  /** Civilian transport units called on: one instruction each, addressed to its holder. */
  transport: z.array(transportCallSchema).max(200).optional(),
});

export const ISSUE_STATUSES = ['accepted', 'refused', 'not-sent'] as const;
export const regionIssueResultSchema = z.object({
  region: adcode,
  instructionId: code,
  lines: z.number().int().positive(),
  status: z.enum(ISSUE_STATUSES),
  /** The server's refusal code, or `no-link` / `send-failed` when nothing reached the server. */
  code: z.string().nullable(),
  reason: z.string().nullable(),
  seq: z.number().int().nullable(),
});
export type RegionIssueResult = z.output<typeof regionIssueResultSchema>;

export const dispatchIssueResponseSchema = z.object({ results: z.array(regionIssueResultSchema) });

/** Answered with the server's command answer (commandAnswerSchema, emergency-schemas.ts). */
export const acknowledgeRequestSchema = z.object({ region: adcode, instructionId: code });

/** A central instruction the province has acknowledged, passed on to its depots. */
export const forwardRequestSchema = z.object({ region: adcode, instructionId: code });

/** One signed depot-level instruction per depot the parent names in the region. */
export const forwardResultSchema = regionIssueResultSchema.extend({ depot: code });
export type ForwardResult = z.output<typeof forwardResultSchema>;
export const forwardResponseSchema = z.object({ results: z.array(forwardResultSchema) });

/** Pushed while a recommendation is computed: reading the replica, then one step per category solved. */
export const dispatchProgressSchema = z.object({
  runId: z.string().nullable(),
  phase: z.enum(['reading', 'solving', 'done']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type DispatchProgress = z.output<typeof dispatchProgressSchema>;
