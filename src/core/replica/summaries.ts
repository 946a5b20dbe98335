import type { Db } from './open';

/**
 * Summaries the projector keeps for the situation picture, beside the tables a state hash covers;
 * derived, so a snapshot carries none and applying one rebuilds them (`rebuildSummaries`).
 *
 * `depot_class_stock`: per depot and category class, the stock on hand (the sum of the class's
 * `depot_stock` rows) and a counter of the movements that touched it. The projector keeps it as
 * events apply; the situation picture reads the counter to know whether an answer it stored
 * about the class (when it went under its floor) still holds, without reading the log.
 *
 * A rebuild recomputes the stock from `depot_stock` and bumps every counter, so nothing stored
 * against the old figures is taken as current: used by the migration that adds the table,
 * after a snapshot replaces a region's rows, and when a category changes class.
 */
export const REBUILD_DEPOT_CLASS_STOCK = `
  UPDATE depot_class_stock SET quantity = 0, moves = moves + 1;
  INSERT INTO depot_class_stock (depot, class, quantity, moves)
    SELECT ds.depot, c.class, sum(ds.quantity), 0 FROM depot_stock ds JOIN categories c ON c.code = ds.category
    WHERE true GROUP BY ds.depot, c.class
    ON CONFLICT (depot, class) DO UPDATE SET quantity = excluded.quantity;
`;

/**
 * `province_held_lots`: per region and category, how many lots are held (on hand > 0); the
 * projector keeps it as lots come and go, so the picture need not count the held-lot index.
 */
export const REBUILD_PROVINCE_HELD_LOTS = `
  DELETE FROM province_held_lots;
  INSERT INTO province_held_lots (region, category, lots)
    SELECT region, category, count(*) FROM lots WHERE on_hand > 0 GROUP BY region, category;
`;

export function rebuildDepotClassStock(db: Db): void {
  db.exec(REBUILD_DEPOT_CLASS_STOCK);
}

/**
 * `transfers_open`: every transfer still in transit with its lot's category and what is
 * outstanding, so the picture reads a few hundred rows instead of looking each transfer and its
 * lot up across the whole transfer and lot tables.
 */
export const REBUILD_TRANSFERS_OPEN = `
  DELETE FROM transfers_open;
  INSERT INTO transfers_open (transfer_id, lot_id, category, outstanding, from_depot, to_depot, sent_at)
    SELECT t.transfer_id, t.lot_id, l.category, t.quantity - t.received, t.from_depot, t.to_depot, t.sent_at
    FROM transfers t JOIN lots l ON l.id = t.lot_id WHERE t.received < t.quantity;
`;

/** Every summary recomputed from the projected tables (after a snapshot replaced a region's rows). */
export function rebuildSummaries(db: Db): void {
  rebuildDepotClassStock(db);
  db.exec(REBUILD_PROVINCE_HELD_LOTS);
  db.exec(REBUILD_TRANSFERS_OPEN);
}
