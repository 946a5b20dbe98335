import { readJsonInput } from '../json-file';
import { HazardFileError } from './errors';
import { parseHazardFile, type HazardFeature } from './hazard-file';

/** Reads and validates a hazard file; every failure is one line naming the file and the feature. */
export const readHazardFile = (file: string): HazardFeature[] => readJsonInput(file, parseHazardFile, HazardFileError);
