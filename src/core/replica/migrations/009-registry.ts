import type { Migration } from '../migrate';

/**
 * The civilian asset registry as projected from the log: each asset with its current state,
 * every lifecycle step (who, when, on what instruction, what), the reserve resource an onboarded
 * asset becomes, the meter records and the published contribution rule versions. The ledger is not stored: it is derived from these by
 * the rule version in force at each record's time, so anyone with the log recomputes it.
 * No registry event existed before this version, so there is nothing to back-fill.
 */
export const migration009: Migration = {
  version: 9,
  name: 'registry',
  up(db) {
    db.exec(`
      CREATE TABLE registry_assets (
        asset_id TEXT PRIMARY KEY,
        region TEXT NOT NULL,
        owner TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        asset_region TEXT NOT NULL,
        lon REAL NOT NULL,
        lat REAL NOT NULL,
        state TEXT NOT NULL,
        asset TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        verified_at TEXT,
        seq INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX registry_assets_owner ON registry_assets (owner);
      CREATE INDEX registry_assets_state ON registry_assets (region, state);

      CREATE TABLE registry_steps (
        region TEXT NOT NULL,
        seq INTEGER NOT NULL,
        asset_id TEXT,
        type TEXT NOT NULL,
        actor_subject TEXT NOT NULL,
        actor_role TEXT NOT NULL,
        instruction_id TEXT,
        event_time TEXT NOT NULL,
        detail TEXT NOT NULL,
        PRIMARY KEY (region, seq)
      ) STRICT;
      CREATE INDEX registry_steps_asset ON registry_steps (asset_id, seq);

      CREATE TABLE registry_meters (
        region TEXT NOT NULL,
        record_id TEXT NOT NULL,
        asset_id TEXT NOT NULL,
        owner TEXT NOT NULL,
        kind TEXT NOT NULL,
        amount REAL NOT NULL,
        at TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (region, record_id)
      ) STRICT;

      -- What an onboarded asset is to the reserve: physical stock as a lot held by its owner on
      -- behalf of the state, a capability unit with its capacity, or a service in the pool.
      CREATE TABLE registry_resources (
        resource_id TEXT PRIMARY KEY,
        asset_id TEXT NOT NULL UNIQUE,
        region TEXT NOT NULL,
        asset_region TEXT NOT NULL,
        owner TEXT NOT NULL,
        kind TEXT NOT NULL,
        what TEXT NOT NULL,
        amount REAL,
        unit TEXT,
        lon REAL NOT NULL,
        lat REAL NOT NULL,
        status TEXT NOT NULL,
        onboarded_at TEXT NOT NULL,
        instruction_id TEXT,
        seq INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX registry_resources_status ON registry_resources (region, status, kind);

      CREATE TABLE registry_rules (
        region TEXT NOT NULL,
        version TEXT NOT NULL,
        effective_from TEXT NOT NULL,
        rules TEXT NOT NULL,
        signer TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (region, version)
      ) STRICT;
    `);
  },
};
