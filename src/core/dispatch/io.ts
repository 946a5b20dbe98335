import { readJsonInput, writeJsonOutput } from '../json-file';
import { DispatchInputError } from './errors';
import { parseDispatchProblem, type DispatchProblem, type DispatchSolution } from './problem';

/** Reads and validates a dispatch problem file; every failure is one line naming the file. */
export const readProblemFile = (file: string): DispatchProblem => readJsonInput(file, parseDispatchProblem, DispatchInputError);

/** Writes a solution as JSON (0600): to FILE.partial first, renamed into place when complete. */
export const writeSolutionFile = (file: string, solution: DispatchSolution): void => writeJsonOutput(file, solution, DispatchInputError);
