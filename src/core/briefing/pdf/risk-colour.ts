import { BAND_THRESHOLDS } from '../../../shared/domain/risk-index';

type Rgb = readonly [number, number, number];

/**
 * The app map's risk ramp (calm teal through amber to red, the band thresholds as stops),
 * so a province has the same colour on paper as on the wall.
 */
const STOPS: readonly { at: number; rgb: Rgb }[] = [
  { at: 0, rgb: [38, 112, 122] },
  { at: BAND_THRESHOLDS.guarded, rgb: [94, 160, 112] },
  { at: BAND_THRESHOLDS.elevated, rgb: [226, 196, 78] },
  { at: BAND_THRESHOLDS.high, rgb: [239, 132, 52] },
  { at: BAND_THRESHOLDS.severe, rgb: [220, 48, 48] },
  { at: 100, rgb: [150, 16, 40] },
];

/** Provinces with no figures (out of scope, or not in the replica). */
export const NO_DATA = '#d5dbe3';

const hex = (rgb: Rgb): string => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

export function riskColour(index: number): string {
  const first = STOPS[0] as { at: number; rgb: Rgb };
  if (!(index > first.at)) return hex(first.rgb);
  for (let i = 1; i < STOPS.length; i++) {
    const hi = STOPS[i] as { at: number; rgb: Rgb };
    if (index > hi.at) continue;
    const lo = STOPS[i - 1] as { at: number; rgb: Rgb };
    const t = (index - lo.at) / (hi.at - lo.at);
    return hex([0, 1, 2].map((c) => (lo.rgb[c] ?? 0) + t * ((hi.rgb[c] ?? 0) - (lo.rgb[c] ?? 0))) as unknown as Rgb);
  }
  return hex((STOPS.at(-1) as { rgb: Rgb }).rgb);
}

/** The legend: each band in the colour 10 points above its lower bound, as the app's legend. */
export function riskLegend(): { band: 'low' | 'guarded' | 'elevated' | 'high' | 'severe'; from: number; colour: string }[] {
  const lower = [0, BAND_THRESHOLDS.guarded, BAND_THRESHOLDS.elevated, BAND_THRESHOLDS.high, BAND_THRESHOLDS.severe];
  const bands = ['low', 'guarded', 'elevated', 'high', 'severe'] as const;
  return bands.map((band, i) => ({ band, from: lower[i] ?? 0, colour: riskColour((lower[i] ?? 0) + 10) }));
}
