import type { Migration } from '../migrate';

/**
 * The planned reserve scale of each depot (category code → planned quantity, canonical JSON),
 * as its registration declared it. Back-filled from the stored log, so a migrated store holds
 * what a store that replays the same events holds.
 */
export const migration007: Migration = {
  version: 7,
  name: 'depot-plan',
  up(db) {
    db.exec(`
      ALTER TABLE depots ADD COLUMN planned TEXT NOT NULL DEFAULT '{}';
      UPDATE depots SET planned = e.planned FROM (
        SELECT json_extract(payload, '$.code') AS code, json_extract(payload, '$.planned') AS planned
        FROM events WHERE type = 'depot.registered' AND json_type(payload, '$.planned') = 'object'
      ) e WHERE depots.code = e.code;
    `);
  },
};
