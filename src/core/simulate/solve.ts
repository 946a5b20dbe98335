import type { Highs } from 'highs';
import { modelStatusName, runWithVerdict } from '../optim/highs';
import { toHighsModel } from '../optim/linear-model';
import { SimulateSolveError } from './errors';
import type { PlanModel } from './model';

/**
 * Solves a plan's model one objective after the other (lexicographically): each optimum is
 * kept as a row (within a relative 1e-12: a later objective would spend any slack given) while the next objective is minimised; the basis is
 * kept between runs, so each later run starts from the last optimum.
 */

/** How many objectives a plan's model is solved for (progress counts them). */
export const phasesOf = (m: PlanModel): number => (m.dipPool.length > 0 ? 3 : 2);

const KEEP = 1e-12;
/** Slack on top: an optimum of 0 kept with none left HiGHS judging the next phase infeasible (near-zero stocks). */
const KEEP_ABS = 1e-9;

export function solvePlanModel(highs: Highs, m: PlanModel, onPhase?: () => void): Float64Array {
  const n = m.model.colCost.length;
  if (n === 0) {
    for (let k = 0; k < phasesOf(m); k++) onPhase?.();
    return new Float64Array(0);
  }
  const h = highs.createModel(toHighsModel(highs, m.model));
  try {
    h.options.set({ output_flag: false });
    const all = { kind: 'range', from: 0, to: n - 1 } as const;
    const run = (what: string): number => {
      const status = runWithVerdict(highs, h);
      if (status !== highs.constants.modelStatus.optimal) {
        throw new SimulateSolveError(`HiGHS ended the ${what} objective with status ${modelStatusName(highs, status)}, not optimal`);
      }
      onPhase?.();
      return h.getObjectiveValue();
    };
    /** Keeps an objective Σ coef·x at (about) its optimum from here on. */
    const keep = (coef: Float64Array, optimum: number) => {
      const indices: number[] = [];
      const values: number[] = [];
      coef.forEach((v, k) => {
        if (v !== 0) {
          indices.push(k);
          values.push(v);
        }
      });
      if (indices.length > 0) h.addRow(-highs.infinity, optimum + KEEP * Math.abs(optimum) + KEEP_ABS, { indices, values });
    };
    keep(m.shortfallCoef, run('shortfall'));
    if (m.dipPool.length > 0) {
      h.changeColsCost(all, m.dipCoef);
      keep(m.dipCoef, run('floor'));
    }
    h.changeColsCost(all, m.tonneKm);
    run('transport');
    return Float64Array.from(h.getSolution().colValue);
  } finally {
    h.dispose();
  }
}
