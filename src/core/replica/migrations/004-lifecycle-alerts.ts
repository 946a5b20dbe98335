import type { Migration } from '../migrate';

/** Event types that concern one lot; queries repeat this list verbatim so the partial index applies. */
export const LOT_EVENT_TYPES_SQL =
  "'lot.intake', 'stock.transfer-out', 'stock.transfer-in', 'stock.issued', 'stock.inspected', 'stock.rotated', 'stock.disposed', 'event.corrected'";

/**
 * Alerts as projected records (raised and cleared by events), the running total of what each
 * instruction moved per category (so an excess raises an anomaly), and indexes for tracing a
 * lot or an instruction through the log. Usage is back-filled from the stored log so a
 * migrated store agrees with one that replays the same events.
 */
export const migration004: Migration = {
  version: 4,
  name: 'lifecycle-alerts',
  up(db) {
    db.exec(`
      CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL,
        region TEXT NOT NULL,
        depot TEXT,
        lot TEXT,
        seq INTEGER NOT NULL,
        raised_at TEXT NOT NULL,
        cleared_at TEXT,
        cleared_by_seq INTEGER,
        detail TEXT NOT NULL
      ) STRICT;
      CREATE INDEX alerts_region_seq ON alerts (region, seq);
      CREATE INDEX alerts_open ON alerts (lot, depot, kind) WHERE cleared_at IS NULL;

      CREATE TABLE instruction_usage (
        instruction_id TEXT NOT NULL,
        category TEXT NOT NULL,
        region TEXT NOT NULL,
        allowed INTEGER NOT NULL,
        moved_in INTEGER NOT NULL DEFAULT 0,
        moved_out INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (instruction_id, category)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX instruction_usage_region ON instruction_usage (region);

      -- The lot an event concerns (a correction's adjustment names it one level down).
      CREATE INDEX events_lot ON events (
        coalesce(json_extract(payload, '$.lotId'), json_extract(payload, '$.adjustment.lotId')), region, seq
      ) WHERE type IN (${LOT_EVENT_TYPES_SQL});
      CREATE INDEX events_rotated_new_lot ON events (json_extract(payload, '$.newLot.lotId')) WHERE type = 'stock.rotated';
      CREATE INDEX events_instruction ON events (instruction_id, region, seq) WHERE instruction_id IS NOT NULL;

      INSERT INTO instruction_usage (instruction_id, category, region, allowed)
        SELECT i.id, json_extract(l.value, '$.category'), i.region, sum(json_extract(l.value, '$.quantity'))
        FROM instructions i, json_each(i.lines) l
        GROUP BY i.id, json_extract(l.value, '$.category');

      UPDATE instruction_usage SET moved_in = m.q FROM (
        SELECT instruction_id AS id, json_extract(payload, '$.category') AS category, sum(json_extract(payload, '$.quantity')) AS q
        FROM events WHERE type = 'lot.intake' GROUP BY 1, 2
      ) m WHERE instruction_usage.instruction_id = m.id AND instruction_usage.category = m.category;

      UPDATE instruction_usage SET moved_out = m.q FROM (
        SELECT e.instruction_id AS id, l.category AS category, sum(json_extract(e.payload, '$.quantity')) AS q
        FROM events e JOIN lots l ON l.id = json_extract(e.payload, '$.lotId')
        WHERE e.type IN ('stock.issued', 'stock.transfer-out') GROUP BY 1, 2
      ) m WHERE instruction_usage.instruction_id = m.id AND instruction_usage.category = m.category;
    `);
  },
};
