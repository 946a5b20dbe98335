import type { Highs } from 'highs';
import { highsRuntime, modelStatusName } from './highs';
import { toHighsModel, type LinearModel } from './linear-model';

export type ModelOutcome =
  | { status: 'optimal'; x: Float64Array; objective: number; solverMs: number }
  | { status: 'infeasible'; solverMs: number }
  | { status: 'other'; statusName: string; solverMs: number };

export interface SolveModelOptions {
  /** Seconds before HiGHS stops (default: none). */
  timeLimitS?: number;
  /** MIP relative gap; 0 (the default) asks for proven optimality. */
  mipRelGap?: number;
  /** A feasible solution for branch-and-bound to start from (its incumbent). */
  start?: Float64Array;
}

/** Solves a linear model with HiGHS (loaded once per process); a MIP to the given relative gap. */
export async function solveLinearModel(model: LinearModel, options: SolveModelOptions = {}): Promise<ModelOutcome> {
  const highs = await highsRuntime();
  return solveWith(highs, model, options);
}

export function solveWith(highs: Highs, model: LinearModel, options: SolveModelOptions = {}): ModelOutcome {
  const h = highs.createModel(toHighsModel(highs, model));
  try {
    h.options.set({ output_flag: false, mip_rel_gap: options.mipRelGap ?? 0, ...(options.timeLimitS ? { time_limit: options.timeLimitS } : {}) });
    if (options.start) h.setSolution({ colValue: options.start });
    const started = performance.now();
    h.run();
    const solverMs = performance.now() - started;
    const status = h.getModelStatus();
    if (status === highs.constants.modelStatus.optimal) {
      return { status: 'optimal', x: Float64Array.from(h.getSolution().colValue), objective: h.getObjectiveValue(), solverMs };
    }
    if (status === highs.constants.modelStatus.infeasible) return { status: 'infeasible', solverMs };
    return { status: 'other', statusName: modelStatusName(highs, status), solverMs };
  } finally {
    h.dispose();
  }
}
