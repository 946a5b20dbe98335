import { z } from 'zod';
import { CATEGORY_CLASSES } from '../domain/events';

const adcode = z.string().regex(/^\d{6}$/, 'adcode must be 6 digits');
const days = z.number().int().positive().nullable();

/** Days ahead (1 = the day after the data's as-of date) at which a forecast line first goes below the floor. */
export const crossingSchema = z.object({ expected: days, earliest: days, latest: days });

export const anomalySchema = z.object({
  kind: z.enum(['outlier', 'changepoint']),
  /** The first day concerned and the day after the last, as dates. */
  from: z.iso.date(),
  until: z.iso.date(),
  /** The daily consumption from `evidenceFrom` on: the points that make the finding. */
  evidenceFrom: z.iso.date(),
  evidence: z.array(z.number()),
});

/** One reserve (a category in a province): its history, the forecast of its stock and where that meets its floor. */
export const reserveForecastSchema = z.object({
  category: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  unitEn: z.string(),
  class: z.enum(CATEGORY_CLASSES),
  floor: z.number().nonnegative(),
  /** End-of-day stock over the history window. */
  stock: z.array(z.number()),
  /** Quantity issued each day of the history window. */
  consumption: z.array(z.number().nonnegative()),
  forecast: z.object({ point: z.array(z.number()), lower: z.array(z.number()), upper: z.array(z.number()), method: z.enum(['mstl-ets', 'flat']) }),
  crossing: crossingSchema,
  underFloorNow: z.boolean(),
  anomalies: z.array(anomalySchema),
});

export const regionForecastSchema = z.object({
  region: adcode,
  asOf: z.string().nullable(),
  level: z.number(),
  /** History dates (oldest first), then the forecast dates. */
  dates: z.array(z.iso.date()),
  forecastDates: z.array(z.iso.date()),
  reserves: z.array(reserveForecastSchema),
});

/** A reserve forecast to go below its floor within the horizon (or already under it). */
export const reserveAtRiskSchema = z.object({
  region: adcode,
  regionZh: z.string(),
  regionEn: z.string(),
  category: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  unitEn: z.string(),
  stock: z.number(),
  floor: z.number(),
  underFloorNow: z.boolean(),
  crossing: crossingSchema,
  expectedDate: z.iso.date().nullable(),
  earliestDate: z.iso.date().nullable(),
});

export const forecastRiskSchema = z.object({
  asOf: z.string().nullable(),
  horizonDays: z.number().int(),
  level: z.number(),
  reserves: z.array(reserveAtRiskSchema),
});

export type Crossing = z.output<typeof crossingSchema>;
export type ReserveForecast = z.output<typeof reserveForecastSchema>;
export type RegionForecast = z.output<typeof regionForecastSchema>;
export type ReserveAtRisk = z.output<typeof reserveAtRiskSchema>;
export type ForecastRisk = z.output<typeof forecastRiskSchema>;

/** Channels of the forecasts (merged into the contract's channel list). */
export const forecastChannels = {
  /** Every reserve of one province: history, stock forecast with its band, floor crossing, anomalies. */
  'forecast:region': { request: z.object({ region: adcode }), response: regionForecastSchema },
  /** Reserves forecast to cross their floor within the horizon, soonest first. */
  'forecast:risk': { request: z.void(), response: forecastRiskSchema },
} as const;
