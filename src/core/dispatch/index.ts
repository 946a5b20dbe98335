export { DispatchInputError, DispatchSolveError } from './errors';
export { EARTH_RADIUS_KM, haversineKm, travelHours } from './geo';
export { readProblemFile, writeSolutionFile } from './io';
export {
  DISPATCH_DEFAULTS,
  dispatchProblemSchema,
  parseDispatchProblem,
  type DispatchDemand,
  type DispatchDepot,
  type DispatchFlow,
  type DispatchProblem,
  type DispatchProblemInput,
  type DispatchShortfall,
  type DispatchSolution,
  type DispatchTransport,
  type DispatchTransportUse,
} from './problem';
export { solveDispatch, type SolveMode, type SolveOptions } from './solve';
export { defaultNormsFile, loadNorms, normsFileSchema, parseNorms, unitsPerPerson, type Norm, type NormsFile } from './norms';
export { buildScenarioProblem, provinceArea, scenarioDemands, type Scenario, type ScenarioArea, type ScenarioProblemParams } from './scenario';
export { supplyAboveFloor, type SupplyCategoryRow, type SupplyDepotRow, type SupplyInput, type SupplyStockRow } from './supply';
