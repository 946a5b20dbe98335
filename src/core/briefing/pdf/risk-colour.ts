import { planColour as planRgba, riskColour as riskRgba, riskLegend as sharedRiskLegend, type Rgba } from '../../../shared/domain/colour-scales';

/** Provinces with no figures (out of scope, or not in the replica). */
export const NO_DATA = '#d5dbe3';

const hex = (rgba: Rgba): string => `#${rgba.slice(0, 3).map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** The app map's colour of a risk index (the shared band scale), so a province looks the same on paper. */
export const riskColour = (index: number): string => hex(riskRgba(index));

/** The app map's colour of a plan completion; no plan prints as no data. */
export const planColour = (completion: number | null): string => (completion === null ? NO_DATA : hex(planRgba(completion)));

/** The legend: each band in the colour drawn for it, as the app's legend. */
export function riskLegend(): { band: 'low' | 'guarded' | 'elevated' | 'high' | 'severe'; from: number; colour: string }[] {
  return sharedRiskLegend().map((b) => ({ band: b.band, from: b.from, colour: hex(b.colour) }));
}
