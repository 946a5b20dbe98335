import { EMERGENCY_LEVELS, type EmergencyLevel } from '../../shared/domain/emergency';
import type { SignedEnvelope } from '../../shared/protocol/command-envelope';
import type { Db } from '../replica/open';

export interface LevelRow {
  level: EmergencyLevel;
  breakGlass: boolean;
  activatedBy: string[];
}

export interface ProposalRow {
  id: string;
  region: string;
  fromLevel: EmergencyLevel;
  toLevel: EmergencyLevel;
  plan: string;
  reason: string;
  proposer: string;
  cosignBy: string;
  status: string;
  seq: number;
}

export interface InstructionRow {
  region: string;
  level: string;
  lines: { category: string; quantity: number; fromDepot?: string; toDepot?: string }[];
  acknowledgedBy: string | null;
}

const asLevel = (value: string): EmergencyLevel => ((EMERGENCY_LEVELS as readonly string[]).includes(value) ? (value as EmergencyLevel) : 'normal');

/** What a command's state checks read from the server's projected tables. */
export function commandState(db: Db) {
  const level = db.prepare<[string], { level: string; break_glass: number; activated_by: string }>(
    'SELECT level, break_glass, activated_by FROM emergency_levels WHERE region = ?',
  );
  const proposal = db.prepare<[string], { id: string; region: string; from_level: string; to_level: string; plan: string; reason: string; proposer: string; cosign_by: string; status: string; seq: number }>(
    'SELECT id, region, from_level, to_level, plan, reason, proposer, cosign_by, status, seq FROM emergency_proposals WHERE id = ?',
  );
  const openProposal = db.prepare<[string, string, string], { id: string }>(
    `SELECT id FROM emergency_proposals WHERE region = ? AND status = 'pending' AND cosign_by >= ? AND from_level = ? LIMIT 1`,
  );
  const payload = db.prepare<[string, number], string>('SELECT payload FROM events WHERE region = ? AND seq = ?').pluck();
  const instruction = db.prepare<[string], { region: string; level: string; lines: string; acknowledged_by: string | null }>(
    'SELECT region, level, lines, acknowledged_by FROM instructions WHERE id = ?',
  );
  // No index on parent_id: a scan, only when an instruction that forwards another is issued.
  const forwarded = db.prepare<[string], string>('SELECT lines FROM instructions WHERE parent_id = ?').pluck();

  const ruleVersion = db.prepare<[string], number | null>('SELECT max(version) FROM alert_rule_sets WHERE region = ?').pluck();
  const alertAck = db.prepare<[string, string, string], string>(
    'SELECT acknowledged_by FROM alert_acks WHERE region = ? AND alert_id = ? AND raised_at = ?',
  ).pluck();
  const alertResolution = db.prepare<[string, string, string], string>(
    'SELECT resolved_by FROM alert_resolutions WHERE region = ? AND alert_id = ? AND raised_at = ?',
  ).pluck();

  const levelOf = (region: string): LevelRow => {
    const row = level.get(region);
    if (!row) return { level: 'normal', breakGlass: false, activatedBy: [] };
    return { level: asLevel(row.level), breakGlass: row.break_glass === 1, activatedBy: JSON.parse(row.activated_by) as string[] };
  };

  return {
    level: levelOf,
    proposal(id: string): ProposalRow | null {
      const p = proposal.get(id);
      if (!p) return null;
      return {
        id: p.id,
        region: p.region,
        fromLevel: asLevel(p.from_level),
        toLevel: asLevel(p.to_level),
        plan: p.plan,
        reason: p.reason,
        proposer: p.proposer,
        cosignBy: p.cosign_by,
        status: p.status,
        seq: p.seq,
      };
    },
    /** The pending proposal of a region that can still be confirmed: not expired, and made at the current level. */
    openProposal(region: string, nowIso: string): string | null {
      return openProposal.get(region, nowIso, levelOf(region).level)?.id ?? null;
    },
    /** The signed envelope an earlier event of the log carries (the proposal a co-signature completes). */
    envelopeAt(region: string, seq: number): SignedEnvelope | null {
      const text = payload.get(region, seq);
      if (text === undefined) return null;
      return ((JSON.parse(text) as { envelope?: SignedEnvelope }).envelope ?? null);
    },
    instruction(id: string): InstructionRow | null {
      const row = instruction.get(id);
      if (!row) return null;
      return { region: row.region, level: row.level, lines: JSON.parse(row.lines) as InstructionRow['lines'], acknowledgedBy: row.acknowledged_by };
    },
    /** The latest alert rule-set version published for a region; 0 before the first. */
    alertRuleVersion(region: string): number {
      return ruleVersion.get(region) ?? 0;
    },
    /** Who acknowledged one raising of an alert, or null. */
    alertAcknowledgedBy(region: string, alertId: string, raisedAt: string): string | null {
      return alertAck.get(region, alertId, raisedAt) ?? null;
    },
    /** Who resolved one raising of an alert, or null. */
    alertResolvedBy(region: string, alertId: string, raisedAt: string): string | null {
      return alertResolution.get(region, alertId, raisedAt) ?? null;
    },
    /** The lines of every instruction already forwarded from `parentId`. */
    forwardedLines(parentId: string): InstructionRow['lines'] {
      return forwarded.all(parentId).flatMap((text) => JSON.parse(text) as InstructionRow['lines']);
    },
  };
}

export type CommandState = ReturnType<typeof commandState>;
