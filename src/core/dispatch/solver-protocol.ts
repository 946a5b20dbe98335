import type { DispatchProblem, DispatchSolution } from './problem';

/** Messages between the host and the dispatch worker. */
export type SolverRequest = { id: number; problem: DispatchProblem };
export type SolverReply =
  | { kind: 'progress'; id: number; done: number; total: number }
  | { kind: 'result'; id: number; solution: DispatchSolution }
  | { kind: 'error'; id: number; error: { name: string; message: string } };
