import type { DispatchRecommendation, DispatchScenario } from '../../shared/contract/dispatch-schemas';
import type { NormsFile } from './norms';
import type { DispatchProblem, DispatchSolution } from './problem';
import type { DispatchSupply } from './recommend';
import type { ErrorShape } from '../../shared/errors';

/** Messages between the host and the dispatch worker. */
export type SolverRequest =
  | { kind: 'solve'; id: number; problem: DispatchProblem }
  /** A whole recommendation: the problem built, solved and explained off the host's thread. */
  | { kind: 'recommend'; id: number; scenario: DispatchScenario; supply: DispatchSupply; norms: NormsFile };

export type SolverReply =
  | { kind: 'progress'; id: number; done: number; total: number }
  | { kind: 'solution'; id: number; solution: DispatchSolution }
  | { kind: 'recommendation'; id: number; recommendation: DispatchRecommendation }
  | { kind: 'error'; id: number; error: ErrorShape };
