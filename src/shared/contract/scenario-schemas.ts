import { z } from 'zod';
import { HAZARD_LEVELS, HAZARD_TYPES } from '../domain/hazard';
import { simulationScenarioSchema } from '../domain/simulation-scenario';

/**
 * Hazard import and scenario simulation in the app (README, "Hazard files" and "Scenario
 * simulation"): a warning file's text in, its areas, the provinces they cover and a pre-filled
 * scenario out; a scenario in, each plan's day-by-day result out, run in the host's simulation
 * worker with progress and cancel.
 */

const adcode = z.string().regex(/^\d{6}$/, 'adcode must be 6 digits');
const position = z.array(z.number()).min(2);

/** A warning file travels as text over the bridge (1 MiB frames): larger files are refused by the page first. */
export const HAZARD_MAX_CHARS = 900_000;

export const hazardImportRequestSchema = z.strictObject({
  fileName: z.string().min(1).max(255),
  text: z.string().max(HAZARD_MAX_CHARS, `a hazard file must be at most ${HAZARD_MAX_CHARS} characters`),
});

export const hazardGeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position)) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(position))) }),
  z.object({ type: z.literal('Point'), coordinates: position }),
]);

export const hazardFeatureViewSchema = z.object({
  index: z.number().int().nonnegative(),
  /** The feature's id or name, when it has one. */
  label: z.string().nullable(),
  hazardType: z.enum(HAZARD_TYPES),
  level: z.enum(HAZARD_LEVELS),
  validFrom: z.string(),
  validTo: z.string(),
  geometry: hazardGeometrySchema,
  radiusKm: z.number().positive().nullable(),
});

export const hazardRegionSchema = z.object({
  region: adcode,
  areaKm2: z.number().nonnegative(),
  share: z.number().min(0).max(1),
  population: z.number().int().nonnegative(),
  validFrom: z.string(),
  validTo: z.string(),
  level: z.enum(HAZARD_LEVELS),
  hazardTypes: z.array(z.enum(HAZARD_TYPES)),
  features: z.array(z.number().int().nonnegative()),
});

export const hazardViewSchema = z.object({
  fileName: z.string(),
  importedAt: z.string(),
  features: z.array(hazardFeatureViewSchema),
  regions: z.array(hazardRegionSchema),
  areaKm2: z.number().nonnegative(),
  outsideKm2: z.number().nonnegative(),
  /** Estimated people in the warned areas, all regions. */
  population: z.number().int().nonnegative(),
  /** The scenario the hazard pre-fills (to-scenario.ts), for the officer to edit. */
  scenario: simulationScenarioSchema,
});

const dayRow = z.object({ day: z.number().int(), category: z.string(), demand: z.number(), delivered: z.number(), shortfall: z.number() });
const flowRow = z.object({ day: z.number().int(), from: adcode, to: adcode, category: z.string(), quantity: z.number(), hours: z.number() });
const stockRow = z.object({ day: z.number().int(), region: adcode, category: z.string(), quantity: z.number(), floor: z.number() });

export const planResultSchema = z.object({
  id: z.string(),
  days: z.array(dayRow),
  flows: z.array(flowRow),
  stock: z.array(stockRow),
  summary: z.object({
    shortfallPersonDays: z.number(),
    transportHours: z.number(),
    tonneKm: z.number(),
    cost: z.number(),
    costBreakdown: z.object({ transport: z.number(), handling: z.number(), procurement: z.number(), civilianTransport: z.number().optional() }),
    /** Tonne-km civilian transport carried, at its own rate (civilianTransport in the breakdown). */
    civilianTonneKm: z.number().optional(),
    regionsBelowFloor: z.array(adcode),
    /** Tonnes a day of civilian transport the plan added to its limit (0 when it calls on none). */
    civilianTransportTonnesPerDay: z.number().optional(),
  }),
});

export const simulationResultSchema = z.object({
  title: z.string().optional(),
  days: z.number().int().positive(),
  categories: z.array(z.object({ code: z.string(), unit: z.string(), unitEn: z.string(), basis: z.enum(['daily', 'one-off']), personDaysPerUnit: z.number() })),
  plans: z.array(planResultSchema),
  model: z.object({ plans: z.array(z.object({ id: z.string(), columns: z.number().int(), rows: z.number().int() })) }),
});

/** A scenario run: what was simulated, its result, when. The host keeps the last one for the briefing. */
export const scenarioRunSchema = z.object({ scenario: simulationScenarioSchema, result: simulationResultSchema, at: z.string() });

export const scenarioRunRequestSchema = z.strictObject({
  scenario: simulationScenarioSchema,
  /** Chosen by the caller: its progress events carry it, and cancel names it. */
  runId: z.string().min(1).max(64),
});

export const scenarioProgressSchema = z.object({
  runId: z.string(),
  phase: z.enum(['reading', 'solving', 'done']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});

export type HazardFeatureView = z.output<typeof hazardFeatureViewSchema>;
export type HazardRegion = z.output<typeof hazardRegionSchema>;
export type HazardView = z.output<typeof hazardViewSchema>;
export type SimulationResultView = z.output<typeof simulationResultSchema>;
export type PlanResultView = z.output<typeof planResultSchema>;
export type ScenarioRun = z.output<typeof scenarioRunSchema>;
export type ScenarioProgress = z.output<typeof scenarioProgressSchema>;

/** Channels of hazard import and scenario simulation (merged into the contract's channel list). */
export const scenarioChannels = {
  /** Reads a hazard warning file's text: its areas, the provinces covered, people, and a pre-filled scenario. */
  'hazard:import': { request: hazardImportRequestSchema, response: hazardViewSchema },
  /** Runs a scenario's plans in the simulation worker (progress: scenario:progress). */
  'scenario:run': { request: scenarioRunRequestSchema, response: scenarioRunSchema },
  /** Stops the run of that id; it then answers `cancelled`. */
  'scenario:cancel': { request: z.strictObject({ runId: z.string().min(1).max(64) }), response: z.null() },
  /** The hazard imported and the last run, kept by the host (a reload brings them back). */
  'scenario:current': { request: z.void(), response: z.object({ hazard: hazardViewSchema.nullable(), run: scenarioRunSchema.nullable() }) },
} as const;
