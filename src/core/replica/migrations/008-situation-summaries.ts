import type { Migration } from '../migrate';
import { REBUILD_DEPOT_CLASS_STOCK, REBUILD_PROVINCE_HELD_LOTS, REBUILD_TRANSFERS_OPEN } from '../summaries';

/**
 * Summaries the projector keeps for the situation picture (summaries.ts): stock per depot and
 * class with a movement counter, held lots per region and category, transfers in transit;
 * and the stored answers of "since when is this class under its floor", each with the figures
 * it was computed from (floor, stock, counter, data-as-of), so the first situation picture after
 * opening a replica does not walk the log of every depot under its floor again. Back-filled from
 * `depot_stock`; the stored answers start empty.
 */
export const migration008: Migration = {
  version: 8,
  name: 'situation-summaries',
  up(db) {
    db.exec(`
      CREATE TABLE depot_class_stock (
        depot TEXT NOT NULL,
        class TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity >= 0),
        moves INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (depot, class)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE under_floor_since (
        depot TEXT NOT NULL,
        class TEXT NOT NULL,
        floor REAL NOT NULL,
        held INTEGER NOT NULL,
        moves INTEGER NOT NULL,
        until TEXT NOT NULL,
        since TEXT,
        PRIMARY KEY (depot, class)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE province_held_lots (
        region TEXT NOT NULL,
        category TEXT NOT NULL,
        lots INTEGER NOT NULL CHECK (lots >= 0),
        PRIMARY KEY (region, category)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE transfers_open (
        transfer_id TEXT PRIMARY KEY,
        lot_id TEXT NOT NULL,
        category TEXT NOT NULL,
        outstanding INTEGER NOT NULL CHECK (outstanding > 0),
        from_depot TEXT NOT NULL,
        to_depot TEXT NOT NULL,
        sent_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      ${REBUILD_DEPOT_CLASS_STOCK}
      ${REBUILD_PROVINCE_HELD_LOTS}
      ${REBUILD_TRANSFERS_OPEN}
    `);
  },
};
