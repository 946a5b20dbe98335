import { BAND_THRESHOLDS, RISK_BANDS, riskBand, type RiskBand } from './risk-index';

/**
 * The colour scales of the situation picture: one definition that the map layers, the
 * legend, the tooltip and the tables all read, so a colour always means the band the
 * legend and the tooltip name. Colours are discrete per band (no interpolation between
 * bands), so the legend's swatch is exactly the colour drawn.
 */

/** RGBA, 0…255 per channel: the form deck.gl attributes and maplibre rgba() strings share. */
export type Rgba = readonly [number, number, number, number];

export const toCss = ([r, g, b, a]: Rgba): string => `rgba(${r}, ${g}, ${b}, ${Math.round((a / 255) * 100) / 100})`;

/** Risk bands, calm teal to red: only a province in the severe band is drawn red. */
export const RISK_COLOURS: Readonly<Record<RiskBand, Rgba>> = {
  low: [38, 112, 122, 255],
  guarded: [94, 160, 112, 255],
  elevated: [226, 196, 78, 255],
  high: [239, 132, 52, 255],
  severe: [220, 48, 48, 255],
};

export const riskColour = (riskIndex: number): Rgba => RISK_COLOURS[riskBand(riskIndex)];

/** Provinces the data has nothing on (or filtered out): a quiet slate that reads as "no data". */
export const NO_DATA_COLOUR: Rgba = [44, 56, 76, 255];

/**
 * Plan completion (share of the planned reserve scale held), in four bands. The bounds are
 * calibrated on the demo dataset so its depots spread across all four (checked by a test).
 */
export const PLAN_BANDS = ['critical', 'short', 'near', 'met'] as const;
export type PlanBand = (typeof PLAN_BANDS)[number];
/** Lower bound of each band above `critical` (share of plan). */
export const PLAN_THRESHOLDS: Readonly<Record<Exclude<PlanBand, 'critical'>, number>> = { short: 0.6, near: 0.8, met: 0.95 };

export const PLAN_COLOURS: Readonly<Record<PlanBand, Rgba>> = {
  critical: [240, 60, 60, 235],
  short: [244, 140, 54, 235],
  near: [240, 206, 80, 235],
  met: [86, 204, 140, 235],
};

/** The band of a plan completion (share of plan held). */
export function planBand(completion: number): PlanBand {
  if (completion >= PLAN_THRESHOLDS.met) return 'met';
  if (completion >= PLAN_THRESHOLDS.near) return 'near';
  if (completion >= PLAN_THRESHOLDS.short) return 'short';
  return 'critical';
}

export const planColour = (completion: number | null): Rgba => (completion === null ? NO_DATA_COLOUR : PLAN_COLOURS[planBand(completion)]);

/** Lower bound of a plan band, for the legend and the tooltip. */
export function planBandFrom(band: PlanBand): number {
  return band === 'critical' ? 0 : PLAN_THRESHOLDS[band];
}

/** The legend's rows: every band with its lower bound and the colour drawn for it. */
export const planLegend = (): { band: PlanBand; from: number; colour: Rgba }[] =>
  PLAN_BANDS.map((band) => ({ band, from: planBandFrom(band), colour: PLAN_COLOURS[band] }));

export const riskLegend = (): { band: RiskBand; from: number; colour: Rgba }[] =>
  RISK_BANDS.map((band) => ({ band, from: band === 'low' ? 0 : BAND_THRESHOLDS[band], colour: RISK_COLOURS[band] }));
