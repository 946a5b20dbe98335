/**
 * Risk index of a province: 0 (no concern) … 100 (severe), from four observable facts.
 * Pure and runtime-neutral, so the host computes it and tests and docs can check it by hand.
 *
 *   cover   c = ½·worst + ½·mean over the classes in scope of clamp((1.5 − r) / (1.5 − 0.5)),
 *               r = stock ÷ safety floor of the class
 *   expiry  x = clamp(share of stock expiring within 90 days ÷ 0.2)
 *   alerts  a = clamp(open alerts per depot ÷ 2)
 *   base    b = 0.5·c + 0.25·x + 0.25·a
 *   index     = 100 · (e + (1 − e)·b),  e = 0 / 0.2 / 0.4 / 0.6 / 0.8 for normal / IV / III / II / I
 *
 * An emergency level thus sets the lowest band a province can be in (level I is always severe)
 * and stock conditions fill the rest. Every input moves the index one way only.
 */

export const RISK_BANDS = ['low', 'guarded', 'elevated', 'high', 'severe'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

/** Emergency response levels, least to most severe (Ⅳ is the lowest response in China's scheme). */
export const EMERGENCY_LEVELS = ['normal', 'IV', 'III', 'II', 'I'] as const;
export type EmergencyLevel = (typeof EMERGENCY_LEVELS)[number];

/** Cover ratio at or above which a class raises no concern, and at or below which it is fully concerning. */
export const COVER_OK_RATIO = 1.5;
export const COVER_CRITICAL_RATIO = 0.5;
/** Share of stock expiring within 90 days that counts as fully concerning. */
export const EXPIRY_FULL_SHARE = 0.2;
/** Open alerts per depot that count as fully concerning. */
export const ALERTS_FULL_PER_DEPOT = 2;
export const RISK_WEIGHTS = { cover: 0.5, expiry: 0.25, alerts: 0.25 } as const;
export const EMERGENCY_WEIGHT: Readonly<Record<EmergencyLevel, number>> = { normal: 0, IV: 0.2, III: 0.4, II: 0.6, I: 0.8 };
/** Lower bounds of the bands above `low`, in index points. */
export const BAND_THRESHOLDS: Readonly<Record<Exclude<RiskBand, 'low'>, number>> = { guarded: 20, elevated: 40, high: 60, severe: 80 };

export interface RiskInputs {
  /** Stock ÷ safety floor for each class in scope; a class the province holds no floor of counts as 0. */
  coverRatios: readonly number[];
  /** Share (0…1) of the stock in scope that expires within 90 days, or has expired and is still held. */
  expiring90Share: number;
  openAlerts: number;
  depots: number;
  emergencyLevel: EmergencyLevel;
}

export interface RiskComponents {
  cover: number;
  expiry: number;
  alerts: number;
  emergency: number;
}

export interface RiskAssessment {
  index: number;
  band: RiskBand;
  components: RiskComponents;
}

const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : x > 0 ? 1 : 0);

/** Concern (0…1) of one class's cover ratio. */
export function coverConcern(ratio: number): number {
  return clamp01((COVER_OK_RATIO - Math.max(0, ratio)) / (COVER_OK_RATIO - COVER_CRITICAL_RATIO));
}

export function riskBand(index: number): RiskBand {
  if (index >= BAND_THRESHOLDS.severe) return 'severe';
  if (index >= BAND_THRESHOLDS.high) return 'high';
  if (index >= BAND_THRESHOLDS.elevated) return 'elevated';
  if (index >= BAND_THRESHOLDS.guarded) return 'guarded';
  return 'low';
}

export function assessRisk(inputs: RiskInputs): RiskAssessment {
  const concerns = inputs.coverRatios.map(coverConcern);
  // With no class in scope there is nothing to cover: no cover concern.
  const cover =
    concerns.length === 0 ? 0 : 0.5 * Math.max(...concerns) + 0.5 * (concerns.reduce((a, b) => a + b, 0) / concerns.length);
  const expiry = clamp01(inputs.expiring90Share / EXPIRY_FULL_SHARE);
  const alerts = inputs.depots > 0 ? clamp01(inputs.openAlerts / inputs.depots / ALERTS_FULL_PER_DEPOT) : 0;
  const emergency = EMERGENCY_WEIGHT[inputs.emergencyLevel];
  const base = RISK_WEIGHTS.cover * cover + RISK_WEIGHTS.expiry * expiry + RISK_WEIGHTS.alerts * alerts;
  const raw = 100 * (emergency + (1 - emergency) * base);
  // One decimal is what a wall shows; rounding keeps equal inputs equal across processes.
  const index = Math.round(Math.min(100, Math.max(0, raw)) * 10) / 10;
  return { index, band: riskBand(index), components: { cover, expiry, alerts, emergency } };
}

export function isEmergencyLevel(value: unknown): value is EmergencyLevel {
  return typeof value === 'string' && (EMERGENCY_LEVELS as readonly string[]).includes(value);
}
