import type { Db } from '../replica/open';

/** Statements of emergency levels, proposals and instruction acknowledgements; values always bound. */
export function prepareEmergencyStatements(db: Db) {
  return {
    level: db.prepare<[string], { level: string; break_glass: number; activated_by: string; seq: number }>(
      'SELECT level, break_glass, activated_by, seq FROM emergency_levels WHERE region = ?',
    ),
    upsertLevel: db.prepare(
      `INSERT INTO emergency_levels (region, level, plan, reason, since, activated_by, break_glass, countersigned_by, seq)
       VALUES (@region, @level, @plan, @reason, @since, @activatedBy, @breakGlass, NULL, @seq)
       ON CONFLICT (region) DO UPDATE SET level = excluded.level, plan = excluded.plan, reason = excluded.reason,
         since = excluded.since, activated_by = excluded.activated_by, break_glass = excluded.break_glass,
         countersigned_by = NULL, seq = excluded.seq`,
    ),
    removeLevel: db.prepare<[string]>('DELETE FROM emergency_levels WHERE region = ?'),
    countersign: db.prepare<[string, string]>('UPDATE emergency_levels SET break_glass = 0, countersigned_by = ? WHERE region = ?'),
    regionLevel: db.prepare<[string, string]>('UPDATE regions SET emergency_level = ? WHERE adcode = ?'),
    proposal: db.prepare<[string], { region: string; to_level: string; status: string; cosign_by: string }>(
      'SELECT region, to_level, status, cosign_by FROM emergency_proposals WHERE id = ?',
    ),
    /** A pending proposal of the region that can still be confirmed: not expired at the given time, made at the given level. */
    openProposal: db.prepare<[string, string, string], { id: string }>(
      `SELECT id FROM emergency_proposals WHERE region = ? AND status = 'pending' AND cosign_by >= ? AND from_level = ? LIMIT 1`,
    ),
    insertProposal: db.prepare(
      `INSERT INTO emergency_proposals (id, region, from_level, to_level, plan, reason, proposer, proposed_at, cosign_by, status, seq)
       VALUES (@id, @region, @fromLevel, @toLevel, @plan, @reason, @proposer, @proposedAt, @cosignBy, 'pending', @seq)`,
    ),
    closeProposal: db.prepare<[string, string, string, string]>(
      `UPDATE emergency_proposals SET status = ?, closed_by = ?, closed_at = ? WHERE id = ? AND status = 'pending'`,
    ),
    clearBreakGlassAlerts: db.prepare<[string, number, string]>(
      `UPDATE alerts SET cleared_at = ?, cleared_by_seq = ? WHERE region = ? AND kind = 'break-glass' AND cleared_at IS NULL`,
    ),
    instructionAck: db.prepare<[string], { region: string; acknowledged_by: string | null }>(
      'SELECT region, acknowledged_by FROM instructions WHERE id = ?',
    ),
    acknowledge: db.prepare<[string, string, string]>('UPDATE instructions SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ?'),
  };
}

export type EmergencyStatements = ReturnType<typeof prepareEmergencyStatements>;
