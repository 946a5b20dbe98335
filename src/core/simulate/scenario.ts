import { simulationScenarioSchema, type AffectedRegion, type SimulationScenario } from '../../shared/domain/simulation-scenario';
import { formatIssues } from '../dispatch/problem';
import { SimulateInputError } from './errors';

export {
  affectedSchema,
  MAX_DAYS,
  MAX_PLANS,
  planSchema,
  simulationScenarioSchema,
  type AffectedRegion,
  type SimulationPlan,
  type SimulationScenario,
  type SimulationScenarioInput,
} from '../../shared/domain/simulation-scenario';

/**
 * The scenario file of `inrs simulate` (README, "Scenario simulation"): who is affected, from
 * which day and for how long, over a horizon of days, and the response plans to compare.
 */

/** Validates a parsed JSON value as a scenario, filling in the defaults. */
export function parseSimulationScenario(value: unknown): SimulationScenario {
  const parsed = simulationScenarioSchema.safeParse(value);
  if (!parsed.success) throw new SimulateInputError(`invalid scenario: ${formatIssues(parsed.error, 'scenario')}`);
  return parsed.data;
}

/** The last day (exclusive) a region needs supplies within the horizon. */
export const activeEnd = (a: AffectedRegion, days: number): number => Math.min(days, a.onsetDay + a.durationDays);
