import { readJsonInput, writeJsonOutput } from '../json-file';
import { LayoutInputError, parseLayoutProblem, type LayoutProblem } from './problem';

/** Reads and validates a layout problem file; every failure is one line naming the file. */
export const readLayoutProblemFile = (file: string): LayoutProblem => readJsonInput(file, parseLayoutProblem, LayoutInputError);

/** Writes an optimiser's JSON output (0600): to FILE.partial first, renamed into place when complete. */
export const writeJsonFile = (file: string, value: unknown): void => writeJsonOutput(file, value, LayoutInputError);
