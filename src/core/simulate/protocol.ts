import type { CostModel } from '../costs/cost-model';
import type { NormsFile } from '../dispatch/norms';
import type { ErrorShape } from '../../shared/errors';
import type { SimulationScenario } from './scenario';
import type { SimulationResult } from './simulate';
import type { SimulationSupply } from './supply';

/** What the app host hands the simulation worker: plain data, read from the replica beforehand. */
export interface SimulationRequest {
  scenario: SimulationScenario;
  supply: SimulationSupply;
  norms: NormsFile;
  costs: CostModel;
}

/** Messages between the host and the simulation worker. */
export type SimulateWorkerRequest = { kind: 'simulate'; id: number } & SimulationRequest;

export type SimulateWorkerReply =
  | { kind: 'progress'; id: number; done: number; total: number }
  | { kind: 'result'; id: number; result: SimulationResult }
  | { kind: 'error'; id: number; error: ErrorShape };
