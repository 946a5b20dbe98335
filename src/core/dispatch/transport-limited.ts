import { LinearModelBuilder, type LinearModel } from '../optim/linear-model';
import type { CategoryBlock } from './model';
import type { DispatchFlow, DispatchProblem, DispatchTransport, DispatchTransportUse } from './problem';

/**
 * The dispatch LP when the lorries are limited (README, "Dispatch model"): the categories'
 * transportation problems share one row, the tonnes loaded,
 *
 *   Σ_c tonnesPerUnit[c] · Σ_ij x[c,i,j] − w ≤ tonnes        0 ≤ w ≤ civilianTonnes
 *
 * where w is what civilian transport carries, at civilianHoursPerTonne a tonne. The categories
 * are no longer independent, so the blocks are solved as one model with every arc: columns per
 * block, each arc depot-major then the shortages (the layout `extract` reads), and w last.
 */
export interface TransportLimitedModel {
  model: LinearModel;
  /** First column of each block. */
  offsets: number[];
  /** The column of w. */
  civilianCol: number;
}

export function transportLimitedModel(problem: DispatchProblem, hours: Float64Array, blocks: readonly CategoryBlock[], transport: DispatchTransport): TransportLimitedModel {
  const b = new LinearModelBuilder();
  const nDem = problem.demands.length;
  const offsets: number[] = [];
  for (const block of blocks) {
    offsets.push(b.numCols);
    for (const i of block.depots) for (const j of block.demands) b.addCol(hours[i * nDem + j] as number);
    block.demand.forEach((q) => b.addCol(problem.shortagePenalty, 0, q));
  }
  const civilianCol = b.addCol(transport.civilianHoursPerTonne, 0, transport.civilianTonnes);

  const loadCols: number[] = [];
  const loadTonnes: number[] = [];
  blocks.forEach((block, k) => {
    const at = offsets[k] as number;
    const nS = block.depots.length;
    const nD = block.demands.length;
    const tonnes = transport.tonnesPerUnit[block.category] ?? 0;
    for (let i = 0; i < nS; i++) {
      const cols = Array.from({ length: nD }, (_, j) => at + i * nD + j);
      b.addRow(cols, cols.map(() => 1), -Infinity, block.supply[i] as number);
      if (tonnes > 0) {
        loadCols.push(...cols);
        loadTonnes.push(...cols.map(() => tonnes));
      }
    }
    for (let j = 0; j < nD; j++) {
      const cols = [...Array.from({ length: nS }, (_, i) => at + i * nD + j), at + nS * nD + j];
      const q = block.demand[j] as number;
      b.addRow(cols, cols.map(() => 1), q, q);
    }
  });
  b.addRow([...loadCols, civilianCol], [...loadTonnes, -1], -Infinity, transport.tonnes);
  return { model: b.build(), offsets, civilianCol };
}

/** The tonnes some flows load, and the share the state's fleet cannot carry (so civilian transport does). */
export function transportUse(flows: readonly Pick<DispatchFlow, 'category' | 'quantity'>[], transport: DispatchTransport): DispatchTransportUse {
  let tonnes = 0;
  for (const f of flows) tonnes += f.quantity * (transport.tonnesPerUnit[f.category] ?? 0);
  return { tonnes, civilianTonnes: Math.max(0, tonnes - transport.tonnes) };
}
