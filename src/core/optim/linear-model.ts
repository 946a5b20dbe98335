import type { Highs, ModelData } from 'highs';

/**
 * A linear or mixed-integer programme written row by row (minimise c·x subject to
 * rowLower ≤ A·x ≤ rowUpper, colLower ≤ x ≤ colUpper, some x integer), kept solver-neutral so
 * the same model can go to HiGHS (the app) and to an independent solver (tests, bench).
 * Bounds use ±Infinity for "none".
 */
export interface LinearModel {
  colCost: number[];
  colLower: number[];
  colUpper: number[];
  integer: boolean[];
  rowLower: number[];
  rowUpper: number[];
  /** Row-wise sparse matrix (CSR): row r's terms are rowStarts[r] … rowStarts[r+1]-1. */
  rowStarts: number[];
  colIndex: number[];
  coef: number[];
}

export class LinearModelBuilder {
  private readonly m: LinearModel = {
    colCost: [],
    colLower: [],
    colUpper: [],
    integer: [],
    rowLower: [],
    rowUpper: [],
    rowStarts: [0],
    colIndex: [],
    coef: [],
  };

  get numCols(): number {
    return this.m.colCost.length;
  }

  get numRows(): number {
    return this.m.rowLower.length;
  }

  /** Adds a column and returns its index. */
  addCol(cost: number, lower = 0, upper = Infinity, integer = false): number {
    this.m.colCost.push(cost);
    this.m.colLower.push(lower);
    this.m.colUpper.push(upper);
    this.m.integer.push(integer);
    return this.m.colCost.length - 1;
  }

  /** A binary column (integer in 0…1). */
  addBinary(cost: number): number {
    return this.addCol(cost, 0, 1, true);
  }

  /** Adds the row lower ≤ Σ coefs[k]·x[cols[k]] ≤ upper and returns its index. */
  addRow(cols: readonly number[], coefs: readonly number[], lower: number, upper: number): number {
    for (let k = 0; k < cols.length; k++) {
      this.m.colIndex.push(cols[k] as number);
      this.m.coef.push(coefs[k] as number);
    }
    this.m.rowLower.push(lower);
    this.m.rowUpper.push(upper);
    this.m.rowStarts.push(this.m.colIndex.length);
    return this.m.rowLower.length - 1;
  }

  build(): LinearModel {
    return this.m;
  }
}

const finite = (v: number, inf: number) => (v === Infinity ? inf : v === -Infinity ? -inf : v);

/** The model as HiGHS model data (row-wise matrix; integrality only when some column is integer). */
export function toHighsModel(highs: Highs, m: LinearModel): ModelData {
  const numCols = m.colCost.length;
  const numRows = m.rowLower.length;
  const inf = highs.infinity;
  const anyInteger = m.integer.some(Boolean);
  return {
    numCols,
    numRows,
    colCost: Float64Array.from(m.colCost),
    colLower: Float64Array.from(m.colLower, (v) => finite(v, inf)),
    colUpper: Float64Array.from(m.colUpper, (v) => finite(v, inf)),
    rowLower: Float64Array.from(m.rowLower, (v) => finite(v, inf)),
    rowUpper: Float64Array.from(m.rowUpper, (v) => finite(v, inf)),
    matrix: { format: 'csr', numRows, numCols, starts: Int32Array.from(m.rowStarts), indices: Int32Array.from(m.colIndex), values: Float64Array.from(m.coef) },
    ...(anyInteger ? { integrality: Int32Array.from(m.integer, (b) => (b ? 1 : 0)) } : {}),
  };
}

/** Objective value of a solution vector. */
export function objectiveValue(m: LinearModel, x: ArrayLike<number>): number {
  let total = 0;
  for (let j = 0; j < m.colCost.length; j++) total += (m.colCost[j] as number) * (x[j] ?? 0);
  return total;
}
