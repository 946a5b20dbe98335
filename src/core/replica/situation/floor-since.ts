import type { CategoryClass } from '../../../shared/domain/events';
import type { Db } from '../open';
import { stockChangeOf } from './stock-change';

/** The depot whose stock a movement changed; the same expression as the events_movement_depot index. */
export const MOVEMENT_DEPOT = `CASE WHEN json_valid(payload) THEN coalesce(json_extract(payload, '$.depot'), json_extract(payload, '$.fromDepot'), json_extract(payload, '$.toDepot'), json_extract(payload, '$.adjustment.depot')) END`;
export const MOVEMENT_TYPES_SQL = `('lot.intake', 'stock.transfer-out', 'stock.transfer-in', 'stock.issued', 'stock.inspected', 'stock.rotated', 'stock.disposed', 'event.corrected')`;

type Movement = { seq: number; event_time: string; type: string; quantity: number | null; replaced_by: number | null; adjustment: number | null; class: string };

/** Answers kept across data versions; a key holds the depot's newest movement, so a new one misses. */
const KNOWN_MAX = 50_000;

/** A depot's movements newest first, up to a time, each with the class of the lot it moved. */
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
  return { statement, known: new Map<string, string | null>() };
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
  let stock = held;
  let earliest: string | null = null;
  let key: string | null = null;
  let since: string | null | undefined;
  for (const e of movements.statement.iterate(at)) {
    if (key === null) {
      // Same newest movement, stock and floor: the same answer as last time, without reading further.
      key = [at.depot, cls, floor, held, e.seq].join('|');
      const known = movements.known.get(key);
      if (known !== undefined) return known;
    }
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
  if (key !== null) {
    if (movements.known.size >= KNOWN_MAX) movements.known.clear();
    movements.known.set(key, result);
  }
  return result;
}
