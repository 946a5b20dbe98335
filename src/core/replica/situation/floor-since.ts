import type { CategoryClass } from '../../../shared/domain/events';
import type { Db } from '../open';
import { stockChangeOf } from './stock-change';

/** The depot whose stock a movement changed; the same expression as the events_movement_depot index. */
export const MOVEMENT_DEPOT = `CASE WHEN json_valid(payload) THEN coalesce(json_extract(payload, '$.depot'), json_extract(payload, '$.fromDepot'), json_extract(payload, '$.toDepot'), json_extract(payload, '$.adjustment.depot')) END`;
export const MOVEMENT_TYPES_SQL = `('lot.intake', 'stock.transfer-out', 'stock.transfer-in', 'stock.issued', 'stock.inspected', 'stock.rotated', 'stock.disposed', 'event.corrected')`;

type Movement = { seq: number; event_time: string; type: string; quantity: number | null; replaced_by: number | null; adjustment: number | null; class: string };

/** An answer with the figures it was computed from: it holds while they are unchanged. */
interface StoredAnswer {
  floor: number;
  held: number;
  moves: number;
  until: string;
  since: string | null;
}

/**
 * A depot's movements newest first, up to a time, each with the class of the lot it moved; and
 * the answers stored in `under_floor_since`, read once per connection and written back in one
 * transaction after each picture that computed new ones (`saveAnswers`).
 */
export function prepareDepotMovements(db: Db) {
  const statement = db.prepare<[{ depot: string; region: string; until: string }], Movement>(
    `SELECT e.seq, e.event_time, e.type, json_extract(e.payload, '$.quantity') AS quantity,
       json_extract(e.payload, '$.newLot.quantity') AS replaced_by, json_extract(e.payload, '$.adjustment.quantity') AS adjustment, c.class
     FROM events e INDEXED BY events_movement_depot
     CROSS JOIN lots l ON l.id = coalesce(json_extract(e.payload, '$.lotId'), json_extract(e.payload, '$.adjustment.lotId'))
     JOIN categories c ON c.code = l.category
     WHERE ${MOVEMENT_DEPOT} = @depot AND e.region = @region AND e.type IN ${MOVEMENT_TYPES_SQL} AND e.event_time <= @until
     ORDER BY e.seq DESC`,
  );
  const moves = db.prepare<[string, string], { moves: number }>('SELECT moves FROM depot_class_stock WHERE depot = ? AND class = ?');
  const readStored = db.prepare<[], StoredAnswer & { depot: string; class: string }>('SELECT depot, class, floor, held, moves, until, since FROM under_floor_since');
  const writeStored = db.prepare<[string, string, number, number, number, string, string | null]>(
    `INSERT INTO under_floor_since (depot, class, floor, held, moves, until, since) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (depot, class) DO UPDATE SET floor = excluded.floor, held = excluded.held, moves = excluded.moves, until = excluded.until, since = excluded.since`,
  );
  let stored: Map<string, StoredAnswer> | null = null;
  const pending = new Map<string, StoredAnswer & { depot: string; cls: string }>();
  const save = db.transaction(() => {
    for (const a of pending.values()) writeStored.run(a.depot, a.cls, a.floor, a.held, a.moves, a.until, a.since);
  });
  return {
    statement,
    /** The movement counter of a depot's class (depot_class_stock), or null without a row. */
    movesOf: (depot: string, cls: string): number | null => moves.get(depot, cls)?.moves ?? null,
    stored: (): Map<string, StoredAnswer> => (stored ??= new Map(readStored.all().map((r) => [`${r.depot}|${r.class}`, r]))),
    remember(depot: string, cls: string, answer: StoredAnswer): void {
      this.stored().set(`${depot}|${cls}`, answer);
      pending.set(`${depot}|${cls}`, { ...answer, depot, cls });
    },
    /** Writes the answers computed since the last call; a read-only connection keeps them in memory only. */
    saveAnswers(): void {
      if (pending.size === 0) return;
      try {
        save();
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_READONLY') throw err;
      }
      pending.clear();
    },
  };
}

export type DepotMovements = ReturnType<typeof prepareDepotMovements>;

/**
 * When a class of a depot went under its floor: undoing the depot's movements newest first
 * from today's stock, the newest movement before which the class was at or above the floor.
 * A class that was never at its floor counts from its first movement; null when it has none.
 */
export function underFloorSince(
  movements: DepotMovements,
  at: { depot: string; region: string; until: string },
  cls: CategoryClass,
  held: number,
  floor: number,
): string | null {
  // The answer stored for the same floor, stock, movement counter and data-as-of still holds:
  // no movement of the class at the depot since, so the walk below would find the same.
  const moves = movements.movesOf(at.depot, cls);
  const known = movements.stored().get(`${at.depot}|${cls}`);
  if (moves !== null && known && known.moves === moves && known.held === held && known.floor === floor && known.until === at.until) return known.since;
  let stock = held;
  let earliest: string | null = null;
  let since: string | null | undefined;
  for (const e of movements.statement.iterate(at)) {
    if (e.class !== cls) continue;
    const before = stock - stockChangeOf(e);
    if (before >= floor) {
      since = e.event_time;
      break;
    }
    stock = before;
    earliest = e.event_time;
  }
  const result = since === undefined ? earliest : since;
  if (moves !== null) movements.remember(at.depot, cls, { floor, held, moves, until: at.until, since: result });
  return result;
}
