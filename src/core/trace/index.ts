import type { Db } from '../replica/open';
import { createInstructionTrace } from './instruction-trace';
import { createLotSearch } from './lot-search';
import { createLotTrace } from './lot-trace';
import { createTraceRows } from './trace-rows';

/** Traceability queries over a replica or server store: a lot's life, an instruction's movements, lots to trace. */
export function createTraceQueries(db: Db) {
  const rows = createTraceRows(db);
  return { lot: createLotTrace(db, rows), instruction: createInstructionTrace(db, rows), search: createLotSearch(db) };
}

export type TraceQueries = ReturnType<typeof createTraceQueries>;
