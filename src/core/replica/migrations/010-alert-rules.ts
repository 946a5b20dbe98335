import type { Migration } from '../migrate';

/**
 * Alert rules as data: every published version of a region's rule set (the latest one is
 * evaluated), and the acknowledgements, assignments and resolutions of rule alerts, each naming
 * the raising it concerns, with who, when, why, and the event that recorded it. The last two
 * tables are this workstation's evaluator state (open raisings and conditions waiting out a
 * minimum duration), derived from the log and kept so a restart keeps each raising's time.
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

      CREATE TABLE alert_assignments (
        region TEXT NOT NULL,
        alert_id TEXT NOT NULL,
        raised_at TEXT NOT NULL,
        assigned_to TEXT NOT NULL,
        assigned_by TEXT NOT NULL,
        assigned_at TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (region, alert_id, raised_at, seq)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE alert_resolutions (
        region TEXT NOT NULL,
        alert_id TEXT NOT NULL,
        raised_at TEXT NOT NULL,
        resolved_by TEXT NOT NULL,
        resolved_at TEXT NOT NULL,
        comment TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (region, alert_id, raised_at)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE rule_alerts_open (
        region TEXT NOT NULL,
        id TEXT NOT NULL,
        alert TEXT NOT NULL,
        PRIMARY KEY (region, id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE rule_alerts_pending (
        region TEXT NOT NULL,
        id TEXT NOT NULL,
        since TEXT NOT NULL,
        PRIMARY KEY (region, id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
