import type { CostModel } from '../costs/cost-model';
import type { HazardEstimate } from '../hazard/affected';
import type { HazardFeature } from '../hazard/hazard-file';
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

/** A hazard file's features to estimate (core/hazard): sampling 40,000 cells per feature is seconds of work. */
export interface HazardRequest {
  features: HazardFeature[];
  /** The province polygons: the agency's GeoJSON basemap, or the shipped one when absent. */
  basemapFile?: string;
}

/** Messages between the host and the simulation worker. */
export type SimulateWorkerRequest = ({ kind: 'simulate'; id: number } & SimulationRequest) | ({ kind: 'hazard'; id: number } & HazardRequest);

export type SimulateWorkerReply =
  | { kind: 'progress'; id: number; done: number; total: number }
  | { kind: 'result'; id: number; result: SimulationResult }
  | { kind: 'hazard-result'; id: number; estimate: HazardEstimate }
  | { kind: 'error'; id: number; error: ErrorShape };
