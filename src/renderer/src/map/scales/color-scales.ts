/**
 * The map's colours. The scales of figures (risk bands, plan completion) are defined once in
 * src/shared/domain/colour-scales.ts and read from there by the layers, the legend and the
 * tooltip alike; this file adds only the map's own decorative ramps.
 */
export {
  NO_DATA_COLOUR as NO_DATA_COLOR,
  PLAN_BANDS,
  planBand,
  planColour,
  planLegend,
  riskColour as riskColor,
  riskLegend,
  toCss,
  type Rgba,
} from '../../../../shared/domain/colour-scales';
import type { Rgba } from '../../../../shared/domain/colour-scales';

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
