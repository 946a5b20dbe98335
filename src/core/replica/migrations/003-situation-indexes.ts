import type { Migration } from '../migrate';

/**
 * Indexes for the situation picture at national scale (thousands of depots, millions of
 * events): transfers still in flight, the movements of one depot, the lots a depot took in,
 * the lots still held, and the newest instructions.
 */
export const migration003: Migration = {
  version: 3,
  name: 'situation-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX transfers_in_flight ON transfers (from_depot) WHERE received < quantity;

      -- The depot whose stock a movement changed: depot (intake, issue, inspection, rotation, disposal),
      -- fromDepot (transfer out), toDepot (transfer in), adjustment.depot (a correction's adjustment).
      -- json_valid first: a damaged payload must stay storable, so the audit can find and name it.
      CREATE INDEX events_movement_depot ON events (
        CASE WHEN json_valid(payload) THEN coalesce(json_extract(payload, '$.depot'), json_extract(payload, '$.fromDepot'), json_extract(payload, '$.toDepot'), json_extract(payload, '$.adjustment.depot')) END,
        region, seq
      ) WHERE type IN ('lot.intake', 'stock.transfer-out', 'stock.transfer-in', 'stock.issued', 'stock.inspected', 'stock.rotated', 'stock.disposed', 'event.corrected');

      CREATE INDEX lots_intake_depot ON lots (intake_depot, category);

      -- Lots still held, by where, what and when they expire: most lots of a long history are used up.
      CREATE INDEX lots_held ON lots (region, category, expiry_date, on_hand) WHERE on_hand > 0;

      -- The newest instructions first, for the alerts and tasks wall.
      CREATE INDEX instructions_issued ON instructions (issued_at);
    `);
  },
};
