import { z } from 'zod';
import { CATEGORY_CLASSES } from '../domain/events';
import { EMERGENCY_LEVELS, RISK_BANDS } from '../domain/risk-index';

export { EMERGENCY_LEVELS, RISK_BANDS };

/**
 * Schemas of the situation picture (map, KPIs, walls). Quantities are in each category's
 * own unit; figures across categories are compared in person-days (stock ÷ per-capita daily
 * norm), never by adding tonnes to tents: persons supported for the standard response period
 * and plan completion, as src/shared/domain/reserve-figures.ts defines them.
 */
const adcode = z.string().regex(/^\d{6}$/);
const categoryClass = z.enum(CATEGORY_CLASSES);

/** What the user narrowed the picture to; every view follows the same filter. */
export const situationFilterSchema = z.object({
  classes: z.array(categoryClass).max(CATEGORY_CLASSES.length).default([]),
  categories: z.array(z.string().max(64)).max(64).default([]),
  regions: z.array(adcode).max(40).default([]),
  riskBands: z.array(z.enum(RISK_BANDS)).max(RISK_BANDS.length).default([]),
});
export type SituationFilter = z.output<typeof situationFilterSchema>;

export const provinceRiskSchema = z.object({
  adcode,
  nameZh: z.string(),
  nameEn: z.string(),
  emergencyLevel: z.enum(EMERGENCY_LEVELS),
  /** 0 (no concern) … 100 (severe); formula in src/shared/domain/risk-index.ts. */
  riskIndex: z.number().min(0).max(100),
  riskBand: z.enum(RISK_BANDS),
  /** Person-days held ÷ planned over the depots and categories in scope; null when nothing is planned. */
  planCompletion: z.number().nonnegative().nullable(),
  expiring90Share: z.number().min(0).max(1),
  openAlerts: z.number().int().nonnegative(),
  depots: z.number().int().nonnegative(),
  depotsUnderFloor: z.number().int().nonnegative(),
  lots: z.number().int().nonnegative(),
  centroid: z.tuple([z.number(), z.number()]),
  // Added after the map's fields, optional so fixtures written for the map alone stay valid.
  population: z.number().int().nonnegative().optional(),
  /**
   * Per class in scope: stock and safety floor in the class's unit (floors are set per class:
   * safetyFloorShare × depot capacity), stock ÷ floor, persons the filtered categories support
   * for the standard response period, and their plan completion.
   */
  classes: z.array(
    z.object({
      class: categoryClass,
      stock: z.number().nonnegative(),
      floor: z.number().nonnegative(),
      coverRatio: z.number().nonnegative(),
      personsSupported: z.number().nonnegative(),
      planCompletion: z.number().nonnegative().nullable(),
    }),
  )
    .optional(),
});

export const depotPointSchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  region: adcode,
  lon: z.number(),
  lat: z.number(),
  operatorKind: z.string(),
  /** Person-days held ÷ planned, categories in scope; null when the depot has no plan for them. */
  planCompletion: z.number().nonnegative().nullable(),
  /** Stock as a share of the depot's nominal capacity (0…1+), for point size. */
  fill: z.number().nonnegative(),
  underFloor: z.boolean(),
});

export const transferArcSchema = z.object({
  transferId: z.string(),
  lotId: z.string(),
  category: z.string(),
  quantity: z.number().int().positive(),
  fromDepot: z.string(),
  toDepot: z.string(),
  /** Province of both ends (transfers stay within a region). */
  region: adcode.optional(),
  from: z.tuple([z.number(), z.number()]),
  to: z.tuple([z.number(), z.number()]),
  sentAt: z.string(),
});

export const alertPointSchema = z.object({
  id: z.string(),
  /** break-glass: a region raised to level I by one officer, open until a second countersigns. */
  kind: z.enum(['under-floor', 'expiring', 'expired', 'discrepancy', 'anomaly', 'chain', 'break-glass']),
  severity: z.enum(['info', 'warning', 'critical']),
  region: adcode,
  depot: z.string().nullable(),
  /** The class and category the alert concerns, where it concerns one (an under-floor alert: a class). */
  class: categoryClass.nullable(),
  category: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  /** When the condition began: the event that made it true, or the date it took effect (expiry). */
  raisedAt: z.string(),
  /** The rule that raised it, for an alert of the rule set in force (listed by the rule-alert list, not grouped). */
  rule: z.string().optional(),
});

export const situationSchema = z.object({
  /** Changes whenever the replica changes: the cache key of derived map layers. */
  dataVersion: z.string(),
  asOf: z.string().nullable(),
  provinces: z.array(provinceRiskSchema),
  depots: z.array(depotPointSchema),
  transfers: z.array(transferArcSchema),
  alerts: z.array(alertPointSchema),
});

export const nationalKpisSchema = z.object({
  /** The replica's data-as-of time the expiry windows count from (never the wall clock). */
  asOf: z.string().nullable(),
  dataVersion: z.string(),
  /** Persons the stock supports for the standard response period (7 days), per class in scope. */
  personsSupportedByClass: z.record(z.string(), z.number().nonnegative()),
  /** Share of the planned reserve scale held, per class in scope with a plan. */
  planCompletionByClass: z.record(z.string(), z.number().nonnegative()),
  /** Share of the planned reserve scale held over every class in scope (person-day weighted). */
  planCompletion: z.number().nonnegative().nullable(),
  depotsUnderFloor: z.number().int().nonnegative(),
  lotsExpiring30: z.number().int().nonnegative(),
  lotsExpiring90: z.number().int().nonnegative(),
  openAlerts: z.number().int().nonnegative(),
  regionsInEmergency: z.number().int().nonnegative(),
});

export const depotDetailSchema = z.object({
  depot: depotPointSchema,
  asOf: z.string().nullable(),
  /** Stock by category; `floor` is the category's part of its class floor, shared out by the depot's intake of each category. */
  stock: z.array(z.object({ category: z.string(), nameZh: z.string(), nameEn: z.string(), unit: z.string(), unitEn: z.string(), class: categoryClass, quantity: z.number(), floor: z.number(), planned: z.number() })),
  /**
   * The safety floor is set per class: safetyFloorShare × the depot's capacity for the class;
   * persons supported for the standard response period and plan completion as on the map.
   */
  classes: z.array(
    z.object({
      class: categoryClass,
      capacity: z.number(),
      floor: z.number(),
      quantity: z.number(),
      underFloor: z.boolean(),
      personsSupported: z.number().nonnegative(),
      planCompletion: z.number().nonnegative().nullable(),
    }),
  ),
  /** Lots held at the depot (quantity here), earliest expiry first. */
  lots: z.array(z.object({ lotId: z.string(), category: z.string(), quantity: z.number(), expiryDate: z.string(), grade: z.string() })),
  movements: z.array(z.object({ seq: z.number(), type: z.string(), eventTime: z.string(), lotId: z.string().nullable(), quantity: z.number().nullable(), instructionId: z.string().nullable(), actor: z.string() })),
});

export const categorySchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  unitEn: z.string(),
  class: categoryClass,
});

/** Persons supported for the standard 7-day response, by class, at the end of each day of a window ending at the replica's data-as-of date. */
export const trendSchema = z.object({
  region: adcode,
  asOf: z.string().nullable(),
  dates: z.array(z.iso.date()),
  series: z.array(z.object({ class: categoryClass, personsSupported: z.array(z.number().nonnegative()) })),
});

/** An instruction as the alerts and tasks wall lists it. */
export const instructionSummarySchema = z.object({
  id: z.string(),
  region: adcode,
  kind: z.string(),
  level: z.string(),
  issuer: z.string(),
  issuedAt: z.string(),
  lines: z.number().int().nonnegative(),
  quantity: z.number().nonnegative(),
  categories: z.array(z.string()),
  /** issued → acknowledged (by its addressee) → executing → done (from what moved under it). */
  status: z.enum(['issued', 'acknowledged', 'executing', 'done']),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  /** The instruction this one forwards (a province passing on a central one). */
  parentId: z.string().nullable(),
  /** How many instructions were forwarded from this one (and from those), as the replica holds them. */
  forwarded: z.number().int().nonnegative(),
  /** Depots its lines name (source or destination), for the depot operators it addresses. */
  depots: z.array(z.string()),
});

export type ProvinceRisk = z.output<typeof provinceRiskSchema>;
export type DepotPoint = z.output<typeof depotPointSchema>;
export type TransferArc = z.output<typeof transferArcSchema>;
export type AlertPoint = z.output<typeof alertPointSchema>;
export type Situation = z.output<typeof situationSchema>;
export type NationalKpis = z.output<typeof nationalKpisSchema>;
export type DepotDetail = z.output<typeof depotDetailSchema>;
export type Category = z.output<typeof categorySchema>;
export type Trend = z.output<typeof trendSchema>;
export type InstructionSummary = z.output<typeof instructionSummarySchema>;
