import type { Migration } from '../migrate';

/** Event log, chain heads and the projected state of the first domain slice. */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE region_heads (
        region TEXT PRIMARY KEY,
        last_seq INTEGER NOT NULL,
        head_hash TEXT NOT NULL,
        data_as_of TEXT
      ) STRICT;

      CREATE TABLE events (
        region TEXT NOT NULL,
        seq INTEGER NOT NULL,
        id TEXT NOT NULL,
        type TEXT NOT NULL,
        event_time TEXT NOT NULL,
        record_time TEXT NOT NULL,
        actor_subject TEXT NOT NULL,
        actor_role TEXT NOT NULL,
        instruction_id TEXT,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (region, seq)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE regions (
        adcode TEXT PRIMARY KEY,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        level TEXT NOT NULL,
        emergency_level TEXT NOT NULL DEFAULT 'normal'
      ) STRICT;

      CREATE TABLE categories (
        code TEXT PRIMARY KEY,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        unit TEXT NOT NULL,
        unit_en TEXT NOT NULL,
        class TEXT NOT NULL,
        shelf_life_days INTEGER NOT NULL,
        per_capita_daily REAL NOT NULL,
        safety_floor_share REAL NOT NULL
      ) STRICT;

      CREATE TABLE depots (
        code TEXT PRIMARY KEY,
        region TEXT NOT NULL,
        adcode TEXT NOT NULL,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        lon REAL NOT NULL,
        lat REAL NOT NULL,
        operator_kind TEXT NOT NULL,
        capacity TEXT NOT NULL
      ) STRICT;
      CREATE INDEX depots_region ON depots (region);

      CREATE TABLE instructions (
        id TEXT PRIMARY KEY,
        region TEXT NOT NULL,
        kind TEXT NOT NULL,
        level TEXT NOT NULL,
        issuer TEXT NOT NULL,
        lines TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        seq INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE lots (
        id TEXT PRIMARY KEY,
        region TEXT NOT NULL,
        category TEXT NOT NULL,
        intake_depot TEXT NOT NULL,
        quantity_in INTEGER NOT NULL,
        on_hand INTEGER NOT NULL,
        in_transit INTEGER NOT NULL DEFAULT 0,
        production_date TEXT NOT NULL,
        expiry_date TEXT NOT NULL,
        grade TEXT NOT NULL,
        origin TEXT NOT NULL
      ) STRICT;
      CREATE INDEX lots_region ON lots (region);
      CREATE INDEX lots_expiry ON lots (expiry_date);

      CREATE TABLE lot_stock (
        lot_id TEXT NOT NULL,
        depot TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity >= 0),
        PRIMARY KEY (lot_id, depot)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX lot_stock_depot ON lot_stock (depot);

      CREATE TABLE transfers (
        transfer_id TEXT PRIMARY KEY,
        lot_id TEXT NOT NULL,
        from_depot TEXT NOT NULL,
        to_depot TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        received INTEGER NOT NULL DEFAULT 0,
        sent_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE depot_stock (
        depot TEXT NOT NULL,
        category TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity >= 0),
        PRIMARY KEY (depot, category)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE province_stock (
        region TEXT NOT NULL,
        category TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity >= 0),
        PRIMARY KEY (region, category)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
