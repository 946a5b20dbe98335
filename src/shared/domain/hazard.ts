/** Hazard types of a warning file (README, "Hazard files"). */
export const HAZARD_TYPES = ['typhoon', 'flood', 'rainstorm', 'storm-surge', 'earthquake', 'landslide', 'drought', 'cold-wave', 'heat-wave', 'snowstorm', 'wildfire', 'other'] as const;
/** The colours of the meteorological warning signals (预警信号): 蓝 < 黄 < 橙 < 红. */
export const HAZARD_LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export type HazardType = (typeof HAZARD_TYPES)[number];
export type HazardLevel = (typeof HAZARD_LEVELS)[number];
