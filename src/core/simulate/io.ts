import { readJsonInput, writeJsonOutput } from '../json-file';
import { SimulateInputError } from './errors';
import { parseSimulationScenario, type SimulationScenario } from './scenario';
import type { SimulationResult } from './simulate';

/** Reads and validates a scenario file; every failure is one line naming the file. */
export const readScenarioFile = (file: string): SimulationScenario => readJsonInput(file, parseSimulationScenario, SimulateInputError);

/** Writes a result as JSON (0600): to FILE.partial first, renamed into place when complete. */
export const writeSimulationFile = (file: string, result: SimulationResult): void => writeJsonOutput(file, result, SimulateInputError);
