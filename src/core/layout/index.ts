export { readLayoutProblemFile, writeJsonFile } from './io';
export { layoutProblemFromReplica, DEMO_FIXED_COST, CAPACITY_SLACK, type LayoutFromReplicaOptions } from './from-replica';
export { LAYOUT_DEFAULTS, LayoutInputError, layoutProblemSchema, parseLayoutProblem, type LayoutFlow, type LayoutProblem, type LayoutProblemInput, type LayoutSolution } from './problem';
export { STRONG_LINKS_MAX_PAIRS, buildLayoutModel, extractLayout, infeasibilityReason, solveLayout, useStrongLinks, type SolveLayoutOptions } from './solve';
export { INITIAL_ARCS, solveNearestArcs, type NearestArcsRound, type NearestArcsResult } from './nearest-arcs';
export { cflData } from './data';
