import { BAND_THRESHOLDS } from '../../../../shared/domain/risk-index';
import { RISK_BANDS } from '../../../../shared/contract/situation-schemas';

/** RGBA, 0…255 per channel: the form deck.gl attributes and maplibre rgba() strings share. */
export type Rgba = readonly [number, number, number, number];

interface Stop {
  at: number;
  color: Rgba;
}

/** Piecewise-linear interpolation between colour stops; clamps outside them, NaN reads as the first stop. */
export function interpolate(stops: readonly Stop[], value: number): Rgba {
  const first = stops[0]!;
  const last = stops[stops.length - 1]!;
  if (!(value > first.at)) return first.color;
  if (value >= last.at) return last.color;
  for (let i = 1; i < stops.length; i++) {
    const hi = stops[i]!;
    if (value > hi.at) continue;
    const lo = stops[i - 1]!;
    const t = (value - lo.at) / (hi.at - lo.at);
    return [0, 1, 2, 3].map((c) => Math.round(lo.color[c]! + t * (hi.color[c]! - lo.color[c]!))) as unknown as Rgba;
  }
  return last.color;
}

/**
 * Risk index 0…100: calm teal through amber to red. The band thresholds are the stops, so
 * the legend's bands and the map's colours cannot disagree.
 */
export const RISK_STOPS: readonly Stop[] = [
  { at: 0, color: [38, 112, 122, 255] },
  { at: BAND_THRESHOLDS.guarded, color: [94, 160, 112, 255] },
  { at: BAND_THRESHOLDS.elevated, color: [226, 196, 78, 255] },
  { at: BAND_THRESHOLDS.high, color: [239, 132, 52, 255] },
  { at: BAND_THRESHOLDS.severe, color: [220, 48, 48, 255] },
  { at: 100, color: [150, 16, 40, 255] },
];

export const riskColor = (riskIndex: number): Rgba => interpolate(RISK_STOPS, riskIndex);

/** Provinces the data has nothing on (or filtered out): a quiet slate that reads as "no data". */
export const NO_DATA_COLOR: Rgba = [44, 56, 76, 255];

/** The legend's swatches: each band shown in the colour of its lower bound. */
export function riskLegend(): { band: (typeof RISK_BANDS)[number]; from: number; color: Rgba }[] {
  const lower = [0, BAND_THRESHOLDS.guarded, BAND_THRESHOLDS.elevated, BAND_THRESHOLDS.high, BAND_THRESHOLDS.severe];
  return RISK_BANDS.map((band, i) => ({ band, from: lower[i]!, color: riskColor(lower[i]! + 10) }));
}

/** Days of cover: red when nearly out, amber under a month, green past three months. */
export const COVER_STOPS: readonly Stop[] = [
  { at: 0, color: [240, 60, 60, 235] },
  { at: 15, color: [244, 118, 54, 235] },
  { at: 30, color: [246, 190, 70, 235] },
  { at: 90, color: [86, 204, 140, 235] },
  { at: 180, color: [72, 170, 238, 235] },
];

export const coverColor = (days: number): Rgba => interpolate(COVER_STOPS, days);

export const COVER_LEGEND_DAYS = [0, 15, 30, 90, 180] as const;

/** Heat weight of an alert: a critical one counts as much as four notices. */
export const SEVERITY_WEIGHT = { info: 1, warning: 2, critical: 4 } as const;

/** Heatmap ramp: transparent to red, readable over the dark basemap. */
export const HEAT_RANGE: Rgba[] = [
  [255, 255, 178, 0],
  [254, 204, 92, 140],
  [253, 141, 60, 190],
  [240, 59, 32, 220],
  [189, 0, 38, 240],
];

/** Arc ends: where stock leaves (cyan) and where it arrives (amber). */
export const ARC_SOURCE: Rgba = [56, 189, 248, 220];
export const ARC_TARGET: Rgba = [251, 191, 36, 220];

export const toCss = ([r, g, b, a]: Rgba): string => `rgba(${r}, ${g}, ${b}, ${Math.round((a / 255) * 100) / 100})`;
