import type { StockRows } from './state-at';

/** Where a checkpoint cuts the log: per region, the last seq it holds. */
export type Cuts = ReadonlyMap<string, number>;

/** The stock rows at a cut of the log, kept so a seek folds only the movements between it and the moment. */
export interface Checkpoint {
  cuts: Cuts;
  /** Record time (ms) of the moment the checkpoint stands for. */
  atMs: number;
  rows: StockRows;
}

/** Rows the checkpoints may hold together (every held lot, holding, depot stock and transfer of each). */
const ROW_BUDGET = 2_000_000;
const MAX_CHECKPOINTS = 32;
/** Checkpoints kept while the live log grows (one more per step of new events). */
const MAX_HELD = 2 * MAX_CHECKPOINTS;
/** Below this many events apart, a seek folds the movements directly. */
const MIN_STEP_EVENTS = 10_000;

/** Events a seek from one cut to the other folds (the sum over regions of the seq distance). */
export function distance(a: Cuts, b: Cuts): number {
  let d = 0;
  for (const region of new Set([...a.keys(), ...b.keys()])) d += Math.abs((a.get(region) ?? 0) - (b.get(region) ?? 0));
  return d;
}

export const rowCount = (rows: StockRows): number =>
  rows.depotStock.length + rows.heldLots.length + rows.heldCount.length + rows.holdings.length + rows.inFlight.length;

/**
 * How far apart checkpoints are, in events: the log spread over as many checkpoints as the row
 * budget allows for the size of the state, never closer than MIN_STEP_EVENTS. A seek then folds
 * at most half a step from the nearest, whatever the moment.
 */
export function stepEvents(totalEvents: number, rowsPerCheckpoint: number): number {
  const count = Math.max(2, Math.min(MAX_CHECKPOINTS, Math.floor(ROW_BUDGET / Math.max(1, rowsPerCheckpoint))));
  return Math.max(MIN_STEP_EVENTS, Math.ceil(totalEvents / count));
}

/** The checkpoints of one index (dropped whole when a region's indexed log is replaced), oldest first. */
export function createCheckpointSet() {
  let list: Checkpoint[] = [];
  let signature = '';
  return {
    /** Drops every checkpoint when the indexed logs changed under them (a region re-indexed or added from a snapshot). */
    follow(logs: string): boolean {
      const changed = logs !== signature;
      if (changed) list = [];
      signature = logs;
      return changed;
    },
    list: (): readonly Checkpoint[] => list,
    add(c: Checkpoint): void {
      list = [...list, c].sort((a, b) => a.atMs - b.atMs);
      // Held at most: the oldest goes first (the recent past is where most seeks land).
      if (list.length > MAX_HELD) list = list.slice(list.length - MAX_HELD);
    },
    /** The checkpoint with the fewest events between it and the cuts. */
    nearest(cuts: Cuts): { checkpoint: Checkpoint; events: number } | null {
      let best: { checkpoint: Checkpoint; events: number } | null = null;
      for (const checkpoint of list) {
        const events = distance(checkpoint.cuts, cuts);
        if (!best || events < best.events) best = { checkpoint, events };
      }
      return best;
    },
    clear(): void {
      list = [];
    },
  };
}

export type CheckpointSet = ReturnType<typeof createCheckpointSet>;
