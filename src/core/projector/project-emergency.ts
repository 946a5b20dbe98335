import { EMERGENCY_LEVELS, needsTwoOfficers, type EmergencyLevel } from '../../shared/domain/emergency';
import type { PayloadOf } from '../../shared/domain/events';
import { raiseAlert } from './alerts';
import { refuse, type Ctx } from './refusal';
import type { ProjectorStatements } from './statements';

/**
 * Emergency levels and instruction acknowledgements as projected state. The regional server
 * checks signatures, roles and timing before it seals these events; the rules here are the
 * ones a replayed log must satisfy on its own (current level, open proposal, two signers), so
 * a replica refuses a log that no honest server could have written.
 */

/** The region's current level: no row is normal. */
export function currentLevel(s: ProjectorStatements, region: string): EmergencyLevel {
  const level = s.level.get(region)?.level;
  return level && (EMERGENCY_LEVELS as readonly string[]).includes(level) ? (level as EmergencyLevel) : 'normal';
}

function requireLevel(ctx: Ctx, expected: EmergencyLevel): void {
  const current = currentLevel(ctx.s, ctx.event.region);
  if (current !== expected) refuse(`region ${ctx.event.region} is at level ${current}, not ${expected}`);
}

type Projections = {
  [T in 'emergency.proposed' | 'emergency.level-changed' | 'emergency.proposal-cancelled' | 'emergency.countersigned' | 'instruction.acknowledged']: (
    ctx: Ctx,
    payload: PayloadOf<T>,
  ) => void;
};

export const emergencyProjections: Projections = {
  'emergency.proposed': (ctx, p) => {
    const { s, event } = ctx;
    requireLevel(ctx, p.fromLevel);
    if (!needsTwoOfficers(p.fromLevel, p.toLevel)) refuse(`a change from ${p.fromLevel} to ${p.toLevel} needs no co-signature, so no proposal`);
    if (s.proposal.get(p.proposalId)) refuse(`proposal ${p.proposalId} already exists`);
    const open = s.openProposal.get(event.region, event.eventTime, p.fromLevel);
    if (open) refuse(`region ${event.region} already has pending proposal ${open.id}`);
    s.insertProposal.run({
      id: p.proposalId,
      region: event.region,
      fromLevel: p.fromLevel,
      toLevel: p.toLevel,
      plan: p.plan,
      reason: p.reason,
      proposer: event.actor.subject,
      proposedAt: event.eventTime,
      cosignBy: p.cosignBy,
      seq: event.seq,
    });
  },

  'emergency.level-changed': (ctx, p) => {
    const { s, event } = ctx;
    requireLevel(ctx, p.fromLevel);
    if (p.fromLevel === p.toLevel) refuse(`level change from ${p.fromLevel} to itself`);
    if (new Set(p.signers).size !== p.signers.length) refuse('the same officer is named twice as signer');
    if (p.breakGlass) {
      if (p.toLevel !== 'I') refuse('break-glass raises level I only');
    } else if (needsTwoOfficers(p.fromLevel, p.toLevel) && p.signers.length < 2) {
      refuse(`a change from ${p.fromLevel} to ${p.toLevel} needs two different officers`);
    }
    if (p.proposalId !== null) {
      const proposal = s.proposal.get(p.proposalId);
      if (!proposal || proposal.region !== event.region) refuse(`unknown proposal ${p.proposalId}`);
      if (proposal.status !== 'pending') refuse(`proposal ${p.proposalId} is ${proposal.status}`);
      if (proposal.to_level !== p.toLevel) refuse(`proposal ${p.proposalId} is for level ${proposal.to_level}, not ${p.toLevel}`);
      if (proposal.cosign_by < event.eventTime) refuse(`proposal ${p.proposalId} expired at ${proposal.cosign_by}`);
      s.closeProposal.run('confirmed', event.actor.subject, event.eventTime, p.proposalId);
    }
    if (p.toLevel === 'normal') s.removeLevel.run(event.region);
    else {
      s.upsertLevel.run({
        region: event.region,
        level: p.toLevel,
        plan: p.plan,
        reason: p.reason,
        since: event.eventTime,
        activatedBy: JSON.stringify(p.signers),
        breakGlass: p.breakGlass ? 1 : 0,
        seq: event.seq,
      });
    }
    s.regionLevel.run(p.toLevel, event.region);
    // A break-glass level stays alerted until a second officer signs; any two-officer change ends it too.
    s.clearBreakGlassAlerts.run(event.eventTime, event.seq, event.region);
    if (p.breakGlass) {
      raiseAlert(s, event, {
        kind: 'break-glass',
        key: 'level-I',
        severity: 'critical',
        depot: null,
        lot: null,
        detail: { level: 'I', signer: event.actor.subject, plan: p.plan, reason: p.reason },
      });
    }
  },

  'emergency.proposal-cancelled': ({ s, event }, p) => {
    const proposal = s.proposal.get(p.proposalId);
    if (!proposal || proposal.region !== event.region) refuse(`unknown proposal ${p.proposalId}`);
    if (proposal.status !== 'pending') refuse(`proposal ${p.proposalId} is already ${proposal.status}`);
    s.closeProposal.run('cancelled', event.actor.subject, event.eventTime, p.proposalId);
  },

  'emergency.countersigned': ({ s, event }) => {
    const level = s.level.get(event.region);
    if (!level || level.break_glass !== 1) refuse(`region ${event.region} has no break-glass level to countersign`);
    if ((JSON.parse(level.activated_by) as string[]).includes(event.actor.subject)) refuse('the officer who broke the glass cannot countersign it');
    s.countersign.run(event.actor.subject, event.region);
    s.clearBreakGlassAlerts.run(event.eventTime, event.seq, event.region);
  },

  'instruction.acknowledged': ({ s, event }, p) => {
    const instruction = s.instructionAck.get(p.instructionId);
    if (!instruction) refuse(`unknown instruction ${p.instructionId}`);
    if (instruction.region !== event.region) refuse(`instruction ${p.instructionId} belongs to region ${instruction.region}`);
    if (instruction.acknowledged_by !== null) refuse(`instruction ${p.instructionId} was already acknowledged by ${instruction.acknowledged_by}`);
    s.acknowledge.run(event.actor.subject, event.eventTime, p.instructionId);
  },
};
