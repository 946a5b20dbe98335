import type { Migration } from '../migrate';

/**
 * The replay index: what the time slider needs to put the situation back to any past moment
 * without refolding the log. Derived from the events table alone (src/core/replay builds it
 * lazily and keeps it level with the log), never part of a region's state hash or snapshot,
 * and safe to drop and rebuild.
 *
 * - replay_progress: per region, the stretch of the log indexed (base_seq, seq], the hash at seq
 *   (a replaced log is re-indexed) and the running maxima of record and event time at seq.
 * - replay_clock: a mark every 64 events with the running maxima, so the position of a time in a
 *   region's log is one index probe plus at most 64 events read.
 * - replay_moves: one row per lot and depot an event changed (delta of that lot's stock there),
 *   with the lot's category, home region and expiry, and the transfer a leg belongs to.
 * - replay_reference: the events that declare regions, categories and depots or change a
 *   region's emergency level, with their payload.
 */
export const migration006: Migration = {
  version: 6,
  name: 'replay-index',
  up(db) {
    db.exec(`
      CREATE TABLE replay_progress (
        region TEXT PRIMARY KEY,
        base_seq INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL,
        record_ms INTEGER NOT NULL,
        event_max TEXT NOT NULL
      ) STRICT;

      CREATE TABLE replay_clock (
        region TEXT NOT NULL,
        seq INTEGER NOT NULL,
        record_ms INTEGER NOT NULL,
        event_max TEXT NOT NULL,
        PRIMARY KEY (region, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX replay_clock_time ON replay_clock (region, record_ms);

      CREATE TABLE replay_moves (
        region TEXT NOT NULL,
        seq INTEGER NOT NULL,
        lot TEXT NOT NULL,
        depot TEXT NOT NULL,
        category TEXT NOT NULL,
        lot_region TEXT NOT NULL,
        expiry TEXT NOT NULL,
        delta INTEGER NOT NULL,
        transfer TEXT,
        PRIMARY KEY (region, seq, lot)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE replay_reference (
        region TEXT NOT NULL,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        key TEXT NOT NULL,
        payload TEXT NOT NULL,
        PRIMARY KEY (region, seq)
      ) STRICT, WITHOUT ROWID;

      -- Lots held now with their stock, read whole by a seek (covering: no table lookups).
      CREATE INDEX replay_lots_on_hand ON lots (id, on_hand) WHERE on_hand > 0;
    `);
  },
};
