import { COSIGN_WINDOW_MS, needsTwoOfficers } from '../../shared/domain/emergency';
import type { EventDraft } from '../../shared/domain/events';
import { authorize, ROLE_ACTIONS, type Action, type ActionTarget } from '../../shared/domain/roles';
import type { CommandBody, SignedEnvelope } from '../../shared/protocol/command-envelope';
import type { CommandState } from './command-state';
import { checkForward } from './forward-check';
import { decideAlertCommand } from './decide-alert-command';
import { refused, type Refused, type SignerIdentity } from './outcome';

/**
 * The last two checks of a signed command, role/scope then state, and the event it becomes.
 * Pure over the state it reads: the executor runs it inside the transaction that appends.
 */
interface Decision {
  draft: EventDraft;
}

const ACTION: Record<CommandBody['kind'], Action> = {
  'emergency.propose': 'propose-emergency-level',
  'emergency.cancel': 'propose-emergency-level',
  'emergency.cosign': 'cosign-emergency-level',
  'emergency.countersign': 'cosign-emergency-level',
  'emergency.break-glass': 'break-glass-level-I',
  'instruction.issue': 'issue-instruction',
  'instruction.acknowledge': 'acknowledge-instruction',
  'alert-rules.publish': 'publish-alert-rules',
  'alert.acknowledge': 'acknowledge-alert',
  'alert.assign': 'acknowledge-alert',
  'alert.resolve': 'acknowledge-alert',
  'registry.publish-rules': 'publish-registry-rules',
};

function checkRole(signer: SignerIdentity, action: Action, target: ActionTarget): Refused | null {
  const verdict = authorize({ role: signer.role, region: signer.region, depot: signer.depot }, action, target);
  if (verdict.allowed) return null;
  // A role that may never take the action is refused for its role; one that may, elsewhere, for scope.
  return refused(ROLE_ACTIONS[signer.role].includes(action) ? 'scope' : 'role', verdict.reason);
}

export function decideCommand(envelope: SignedEnvelope, signer: SignerIdentity, state: CommandState, now: number): Decision | Refused {
  const { body, region } = envelope;
  const nowIso = new Date(now).toISOString();
  const actor = { subject: signer.subject, role: signer.role };
  const draft = (type: EventDraft['type'], payload: unknown, instructionId: string | null = null): Decision => ({
    draft: { region, type, eventTime: nowIso, actor, instructionId, payload } as EventDraft,
  });

  // Role and scope first: a depot operator's acknowledgement is bound to a depot its instruction names.
  const instruction = body.kind === 'instruction.acknowledge' ? state.instruction(body.instructionId) : null;
  const named = instruction?.lines.some((l) => l.fromDepot === signer.depot || l.toDepot === signer.depot) ?? false;
  const depot = body.kind === 'instruction.acknowledge' && signer.depot !== null && named ? { depot: signer.depot } : {};
  const roleRefusal = checkRole(signer, ACTION[body.kind], { region, ...depot });
  if (roleRefusal) return roleRefusal;

  const current = state.level(region);
  const stale = (expected: string | null): Refused | null =>
    expected !== null && expected !== current.level ? refused('stale-level', `region ${region} is at level ${current.level}, not ${expected} as the command expected`) : null;
  const levelCommand = (): Refused | null =>
    envelope.expectedLevel === null ? refused('malformed', `${body.kind} must carry the level its signer saw (expectedLevel)`) : stale(envelope.expectedLevel);

  switch (body.kind) {
    case 'emergency.propose': {
      const problem = levelCommand();
      if (problem) return problem;
      if (body.toLevel === current.level) return refused('no-change', `region ${region} is already at level ${current.level}`);
      const open = state.openProposal(region, nowIso);
      if (open) return refused('proposal-pending', `region ${region} already has pending proposal ${open}; co-sign or cancel it first`);
      const change = { fromLevel: current.level, toLevel: body.toLevel, plan: body.plan, reason: body.reason };
      if (!needsTwoOfficers(current.level, body.toLevel)) {
        return draft('emergency.level-changed', { ...change, signers: [signer.subject], proposalId: null, breakGlass: false, envelopes: [envelope] });
      }
      const cosignBy = new Date(now + COSIGN_WINDOW_MS).toISOString();
      return draft('emergency.proposed', { proposalId: envelope.commandId, ...change, cosignBy, envelope });
    }
    case 'emergency.cosign': {
      const proposal = state.proposal(body.proposalId);
      if (!proposal || proposal.region !== region) return refused('no-proposal', `no proposal ${body.proposalId} in region ${region}`);
      if (proposal.status !== 'pending') return refused('proposal-closed', `proposal ${body.proposalId} is already ${proposal.status}`);
      if (proposal.proposer === signer.subject) return refused('same-officer', `${signer.subject} proposed ${body.proposalId}; a second, different officer must co-sign it`);
      if (proposal.cosignBy < nowIso) return refused('proposal-expired', `proposal ${body.proposalId} expired at ${proposal.cosignBy}; propose again`);
      const problem = levelCommand();
      if (problem) return problem;
      if (proposal.fromLevel !== current.level) return refused('stale-level', `proposal ${body.proposalId} was made at level ${proposal.fromLevel}; region ${region} is now at ${current.level}`);
      const first = state.envelopeAt(region, proposal.seq);
      if (!first) return refused('no-proposal', `the signed proposal ${body.proposalId} is missing from the log`);
      return draft('emergency.level-changed', {
        fromLevel: current.level,
        toLevel: proposal.toLevel,
        plan: proposal.plan,
        reason: proposal.reason,
        signers: [proposal.proposer, signer.subject],
        proposalId: proposal.id,
        breakGlass: false,
        envelopes: [first, envelope],
      });
    }
    case 'emergency.cancel': {
      const proposal = state.proposal(body.proposalId);
      if (!proposal || proposal.region !== region) return refused('no-proposal', `no proposal ${body.proposalId} in region ${region}`);
      if (proposal.status !== 'pending') return refused('proposal-closed', `proposal ${body.proposalId} is already ${proposal.status}`);
      const problem = stale(envelope.expectedLevel);
      if (problem) return problem;
      return draft('emergency.proposal-cancelled', { proposalId: proposal.id, reason: body.reason, envelope });
    }
    case 'emergency.break-glass': {
      const problem = levelCommand();
      if (problem) return problem;
      if (current.level === 'I') return refused('no-change', `region ${region} is already at level I`);
      return draft('emergency.level-changed', {
        fromLevel: current.level,
        toLevel: 'I',
        plan: body.plan,
        reason: body.reason,
        signers: [signer.subject],
        proposalId: null,
        breakGlass: true,
        envelopes: [envelope],
      });
    }
    case 'emergency.countersign': {
      if (!current.breakGlass) return refused('not-break-glass', `region ${region} has no break-glass level awaiting a countersignature`);
      if (current.activatedBy.includes(signer.subject)) return refused('same-officer', `${signer.subject} broke the glass; a second, different officer must countersign`);
      const problem = stale(envelope.expectedLevel);
      if (problem) return problem;
      return draft('emergency.countersigned', { envelope });
    }
    case 'instruction.issue': {
      const i = body.instruction;
      if (i.issuer !== signer.subject && i.issuer !== signer.name) {
        return refused('issuer-mismatch', `the instruction names issuer "${i.issuer}" but is signed by ${signer.subject}`);
      }
      const forward = checkForward(i, region, state);
      if (forward) return forward;
      return draft('instruction.issued', { ...i, envelope });
    }
    case 'instruction.acknowledge': {
      if (!instruction || instruction.region !== region) return refused('unknown-instruction', `no instruction ${body.instructionId} in region ${region}`);
      if (instruction.acknowledgedBy !== null) return refused('already-acknowledged', `instruction ${body.instructionId} was already acknowledged by ${instruction.acknowledgedBy}`);
      return draft('instruction.acknowledged', { instructionId: body.instructionId, envelope }, body.instructionId);
    }
    case 'alert-rules.publish':
    case 'alert.acknowledge':
    case 'alert.assign':
    case 'alert.resolve':
      return decideAlertCommand(body, envelope, region, state, draft);
    case 'registry.publish-rules':
      // The projector refuses a version already published.
      return draft('registry.rules-published', { ...body.rules, envelope });
  }
}
