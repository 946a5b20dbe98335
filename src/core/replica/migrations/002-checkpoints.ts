import type { Migration } from '../migrate';

/**
 * Signed checkpoints kept per region, as received (client) or made (server), and the
 * results of commands a server executed, so a retried command id returns its first result.
 */
export const migration002: Migration = {
  version: 2,
  name: 'checkpoints-and-command-results',
  up(db) {
    db.exec(`
      CREATE TABLE checkpoints (
        region TEXT NOT NULL,
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL,
        time TEXT NOT NULL,
        signature TEXT NOT NULL,
        signer_cert TEXT NOT NULL,
        PRIMARY KEY (region, seq, signature)
      ) STRICT;

      CREATE TABLE command_results (
        command_id TEXT PRIMARY KEY,
        region TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        seq INTEGER,
        decided_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
