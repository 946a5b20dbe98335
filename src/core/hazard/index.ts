export { HazardFileError } from './errors';
export { HAZARD_LEVELS, HAZARD_TYPES, parseHazardFile, type HazardFeature, type HazardLevel, type HazardType } from './hazard-file';
export { estimateAffected, featureShape, type AffectedEstimate, type HazardEstimate } from './affected';
export { loadProvinceAreas, type ProvinceArea } from './provinces';
export { hazardScenario, type HazardScenarioOptions } from './to-scenario';
export { readHazardFile } from './io';
