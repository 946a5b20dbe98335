export { CATEGORIES, type CategoryDefinition } from './categories';
export { depotCounts } from './depots';
export { generateRegionLog, seedRegions, type SeedOptions } from './generate-region';
export { loadPrefectures, type Prefecture } from './prefectures';
export { SCALES, estimateEventCount, type ScaleSpec, type SeedScale } from './scales';
