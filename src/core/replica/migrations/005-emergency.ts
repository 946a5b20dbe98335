import type { Migration } from '../migrate';

/**
 * Emergency levels and signed commands. Projected (the same on server and replica, carried by
 * snapshots): each region's current level (no row = normal), the level proposals waiting for
 * or closed by a second officer, and the acknowledgement and parent of an instruction.
 * Server-local (empty on a replica): the code and envelope hash of each decided command, the
 * nonces of envelopes already executed, and the append-only audit of every command received.
 */
export const migration005: Migration = {
  version: 5,
  name: 'emergency',
  up(db) {
    db.exec(`
      CREATE TABLE emergency_levels (
        region TEXT PRIMARY KEY,
        level TEXT NOT NULL,
        plan TEXT,
        reason TEXT,
        since TEXT NOT NULL,
        activated_by TEXT NOT NULL,
        break_glass INTEGER NOT NULL DEFAULT 0,
        countersigned_by TEXT,
        seq INTEGER NOT NULL
      ) STRICT;

      -- status: pending | confirmed | cancelled; "expired" is derived by readers (pending and cosign_by < now).
      CREATE TABLE emergency_proposals (
        id TEXT PRIMARY KEY,
        region TEXT NOT NULL,
        from_level TEXT NOT NULL,
        to_level TEXT NOT NULL,
        plan TEXT NOT NULL,
        reason TEXT NOT NULL,
        proposer TEXT NOT NULL,
        proposed_at TEXT NOT NULL,
        cosign_by TEXT NOT NULL,
        status TEXT NOT NULL,
        closed_by TEXT,
        closed_at TEXT,
        seq INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX emergency_proposals_pending ON emergency_proposals (region, cosign_by) WHERE status = 'pending';

      ALTER TABLE instructions ADD COLUMN acknowledged_by TEXT;
      ALTER TABLE instructions ADD COLUMN acknowledged_at TEXT;
      ALTER TABLE instructions ADD COLUMN parent_id TEXT;

      ALTER TABLE command_results ADD COLUMN code TEXT;
      -- SHA-256 of the signed envelope: the same id with another envelope is refused, not retried.
      ALTER TABLE command_results ADD COLUMN envelope_hash TEXT;

      CREATE TABLE command_nonces (
        nonce TEXT PRIMARY KEY,
        command_id TEXT NOT NULL,
        used_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE command_audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        time TEXT NOT NULL,
        command_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        signer_subject TEXT,
        peer_subject TEXT NOT NULL,
        status TEXT NOT NULL,
        code TEXT,
        reason TEXT,
        seq INTEGER
      ) STRICT;
      CREATE INDEX command_audit_command ON command_audit (command_id);
      CREATE TRIGGER command_audit_no_update BEFORE UPDATE ON command_audit
        BEGIN SELECT RAISE(ABORT, 'command_audit is append-only'); END;
      CREATE TRIGGER command_audit_no_delete BEFORE DELETE ON command_audit
        BEGIN SELECT RAISE(ABORT, 'command_audit is append-only'); END;
    `);
  },
};
