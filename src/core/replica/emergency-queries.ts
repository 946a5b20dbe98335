import type { EmergencyState, Proposal, RegionLevel } from '../../shared/contract/emergency-schemas';
import { EMERGENCY_LEVELS, type EmergencyLevel } from '../../shared/domain/emergency';
import type { Db } from './open';

/** Closed proposals shown after the pending ones: enough for an officer to see what just happened. */
const RECENT_CLOSED = 20;

type LevelRow = {
  region: string;
  level: string;
  plan: string | null;
  reason: string | null;
  since: string;
  activated_by: string;
  break_glass: number;
  countersigned_by: string | null;
};

type ProposalRow = {
  id: string;
  region: string;
  from_level: string;
  to_level: string;
  plan: string;
  reason: string;
  proposer: string;
  proposed_at: string;
  cosign_by: string;
  status: string;
  closed_by: string | null;
  closed_at: string | null;
};

const asLevel = (value: string): EmergencyLevel => {
  if (!(EMERGENCY_LEVELS as readonly string[]).includes(value)) throw new Error(`emergency level "${value}" in the replica is not one of ${EMERGENCY_LEVELS.join(', ')}`);
  return value as EmergencyLevel;
};

function subjects(json: string): string[] {
  const value = JSON.parse(json) as unknown;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error(`activated_by is not a list of subjects: ${json}`);
  return value;
}

/** A proposal still pending after its co-sign deadline has expired: the reader derives it. */
export function proposalStatus(status: string, cosignBy: string, now: number): Proposal['status'] {
  if (status === 'pending') return Date.parse(cosignBy) < now ? 'expired' : 'pending';
  if (status === 'confirmed' || status === 'cancelled') return status;
  throw new Error(`proposal status "${status}" in the replica is not pending, confirmed or cancelled`);
}

function prepare(db: Db) {
  return {
    levels: db.prepare<[], LevelRow>(
      `SELECT region, level, plan, reason, since, activated_by, break_glass, countersigned_by
       FROM emergency_levels WHERE level <> 'normal' ORDER BY region`,
    ),
    // Pending first (an officer acts on these), then the newest closed ones.
    proposals: db.prepare<[{ recent: number }], ProposalRow>(
      `SELECT * FROM (
         SELECT id, region, from_level, to_level, plan, reason, proposer, proposed_at, cosign_by, status, closed_by, closed_at
         FROM emergency_proposals WHERE status = 'pending'
         UNION ALL
         SELECT * FROM (
           SELECT id, region, from_level, to_level, plan, reason, proposer, proposed_at, cosign_by, status, closed_by, closed_at
           FROM emergency_proposals WHERE status <> 'pending' ORDER BY closed_at DESC, id LIMIT @recent))
       ORDER BY status <> 'pending', proposed_at DESC, id`,
    ),
  };
}

/**
 * Emergency levels and proposals as the projector recorded them (tables of migration 005).
 * Statements are prepared on first use, so a worker on an older replica still opens.
 */
export function createEmergencyQueries(db: Db) {
  let statements: ReturnType<typeof prepare> | null = null;
  return {
    state(now: number): EmergencyState {
      const { levels, proposals } = (statements ??= prepare(db));
      const regionLevels: RegionLevel[] = levels.all().map((r) => ({
        region: r.region,
        level: asLevel(r.level),
        plan: r.plan,
        reason: r.reason,
        since: r.since,
        activatedBy: subjects(r.activated_by),
        breakGlass: r.break_glass === 1,
        countersignedBy: r.countersigned_by,
      }));
      const list: Proposal[] = proposals.all({ recent: RECENT_CLOSED }).map((p) => ({
        id: p.id,
        region: p.region,
        fromLevel: asLevel(p.from_level),
        toLevel: asLevel(p.to_level),
        plan: p.plan,
        reason: p.reason,
        proposer: p.proposer,
        proposedAt: p.proposed_at,
        cosignBy: p.cosign_by,
        status: proposalStatus(p.status, p.cosign_by, now),
        closedBy: p.closed_by,
        closedAt: p.closed_at,
      }));
      return { levels: regionLevels, proposals: list, now: new Date(now).toISOString() };
    },
  };
}

export type EmergencyQueries = ReturnType<typeof createEmergencyQueries>;
