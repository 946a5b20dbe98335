import type { LP } from 'glpk.js/node';
import type GLPK from 'glpk.js/node';
import type { LinearModel } from '../../src/core/optim/linear-model';

export type Glpk = Awaited<ReturnType<typeof GLPK>>;

/** The same linear model (rows, columns, bounds, integrality) in glpk.js's JSON form. */
export function toGlpkModel(glpk: Glpk, m: LinearModel, name = 'model'): LP {
  const colName = (j: number) => `x${j}`;
  const bnds = (lb: number, ub: number) => {
    if (lb === -Infinity && ub === Infinity) return { type: glpk.GLP_FR, lb: 0, ub: 0 };
    if (lb === -Infinity) return { type: glpk.GLP_UP, lb: 0, ub };
    if (ub === Infinity) return { type: glpk.GLP_LO, lb, ub: 0 };
    if (lb === ub) return { type: glpk.GLP_FX, lb, ub };
    return { type: glpk.GLP_DB, lb, ub };
  };
  const subjectTo = m.rowLower.map((lb, r) => {
    const vars = [];
    for (let k = m.rowStarts[r] as number; k < (m.rowStarts[r + 1] as number); k++) vars.push({ name: colName(m.colIndex[k] as number), coef: m.coef[k] as number });
    return { name: `r${r}`, vars, bnds: bnds(lb, m.rowUpper[r] as number) };
  });
  return {
    name,
    objective: { direction: glpk.GLP_MIN, name: 'cost', vars: m.colCost.map((coef, j) => ({ name: colName(j), coef })) },
    subjectTo,
    bounds: m.colLower.map((lb, j) => ({ name: colName(j), ...bnds(lb, m.colUpper[j] as number) })),
    generals: m.integer.flatMap((isInt, j) => (isInt ? [colName(j)] : [])),
  };
}
