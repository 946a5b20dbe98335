export { SimulateInputError, SimulateSolveError } from './errors';
export { readScenarioFile, writeSimulationFile } from './io';
export { parseSimulationScenario, simulationScenarioSchema, type AffectedRegion, type SimulationPlan, type SimulationScenario, type SimulationScenarioInput } from './scenario';
export { simulate, type SimulateOptions, type SimulationResult } from './simulate';
export { simulationSupply, type SimulationSupply, type SupplyRegion } from './supply';
export { simulationSupplyFromReplica } from './from-replica';
export { scenarioDemand, scenarioNeeds, type CategoryNeed, type ScenarioDemand } from './demand';
export type { DayRow, FlowRow, PlanResult, PlanSummary, StockRow } from './result';
