import type { Migration } from '../migrate';

/**
 * Alert rules as data: every published version of a region's rule set (the latest one is
 * evaluated), and the acknowledgements of rule alerts, each naming the raising it silences,
 * with who acknowledged it, when, why, and the event that recorded it.
 */
export const migration010: Migration = {
  version: 10,
  name: 'alert-rules',
  up(db) {
    db.exec(`
      CREATE TABLE alert_rule_sets (
        region TEXT NOT NULL,
        version INTEGER NOT NULL,
        rules TEXT NOT NULL,
        published_by TEXT NOT NULL,
        published_at TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (region, version)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE alert_acks (
        region TEXT NOT NULL,
        alert_id TEXT NOT NULL,
        raised_at TEXT NOT NULL,
        acknowledged_by TEXT NOT NULL,
        acknowledged_at TEXT NOT NULL,
        comment TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (region, alert_id, raised_at)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
