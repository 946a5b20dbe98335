import type { Migration } from '../migrate';
import { REBUILD_DEPOT_CLASS_STOCK, REBUILD_PROVINCE_HELD_LOTS } from '../depot-class-stock';

/**
 * Stock per depot and class kept by the projector with a movement counter, and the count of held
 * lots per region and category (depot-class-stock.ts),
 * and the stored answers of "since when is this class under its floor", each with the figures
 * it was computed from (floor, stock, counter, data-as-of), so the first situation picture after
 * opening a replica does not walk the log of every depot under its floor again. Back-filled from
 * `depot_stock`; the stored answers start empty.
 */
export const migration008: Migration = {
  version: 8,
  name: 'depot-class-stock',
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
      ${REBUILD_DEPOT_CLASS_STOCK}
      ${REBUILD_PROVINCE_HELD_LOTS}
    `);
  },
};
