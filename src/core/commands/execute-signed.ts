import type { SignedEnvelope } from '../../shared/protocol/command-envelope';
import type { RegionalStore } from '../regional/regional-store';
import type { CommandLedger } from './command-ledger';
import type { CommandState } from './command-state';
import { decideCommand } from './decide-command';
import { refused, type CommandOutcome } from './outcome';
import { checkTimeWindow, envelopeHash, parseEnvelope, verifySignature, verifySigner, type EnvelopeTrust } from './verify-envelope';

export interface SignedCommandContext {
  store: RegionalStore;
  ledger: CommandLedger;
  state: CommandState;
  trust(): EnvelopeTrust;
  now(): number;
}

/**
 * Executes one signed command, in one write transaction, checking in this order: schema →
 * command id already decided (a retry gets the first result) → signer chain → revocation and
 * validity → signature → region → time window → nonce → role and scope → state. Only an
 * authenticated envelope (its signature verified) records a decision under its command id, so
 * nobody can burn another officer's command id with a forged one. The accepted event is in the
 * log, and every command (accepted or refused) in the audit, before this returns.
 */
export function executeSignedCommand(ctx: SignedCommandContext, peerSubject: string, commandId: string, raw: unknown): CommandOutcome {
  const { store, ledger } = ctx;
  return store.replica.db
    .transaction((): CommandOutcome => {
      const now = ctx.now();
      const at = new Date(now).toISOString();
      let kind = 'signed';
      let signerSubject: string | null = null;
      const finish = (outcome: CommandOutcome, decided: string | null, note?: string): CommandOutcome => {
        if (decided !== null) ledger.decide(commandId, outcome, decided, at);
        const reason = outcome.status === 'refused' ? outcome.reason : null;
        ledger.audit({
          time: at,
          commandId,
          kind,
          signerSubject,
          peerSubject,
          status: outcome.status,
          code: outcome.status === 'refused' ? outcome.code : null,
          reason: note ? `${note}${reason ? `: ${reason}` : ''}` : reason,
          seq: outcome.status === 'accepted' ? outcome.seq : null,
        });
        return outcome;
      };

      const parsed = parseEnvelope(raw, commandId);
      if ('status' in parsed) return finish(parsed, null);
      const envelope: SignedEnvelope = parsed.envelope;
      kind = envelope.body.kind;
      const hash = envelopeHash(envelope);

      const previous = ledger.decided(commandId);
      if (previous) {
        if (previous.envelopeHash !== hash) {
          return finish(refused('command-id-reused', `command id ${commandId} was already decided for another command; sign a new command`), null);
        }
        return finish(previous.outcome, null, 'retry: the first result returned');
      }

      const verified = verifySigner(envelope, ctx.trust(), now);
      if ('status' in verified) {
        signerSubject = verified.claimedSubject ?? null;
        const { claimedSubject: _named, ...outcome } = verified;
        return finish(outcome, null);
      }
      signerSubject = verified.signer.subject;
      const forged = verifySignature(envelope, verified.leaf);
      if (forged) return finish(forged, null);

      // Authenticated from here on: the outcome is this command id's decision.
      if (envelope.region !== store.region) {
        return finish(refused('wrong-region', `the command is for region ${envelope.region}; this is the server of ${store.region}`), hash);
      }
      const late = checkTimeWindow(envelope, now);
      if (late) return finish(late, hash);
      const usedBy = ledger.nonceUsedBy(envelope.nonce);
      if (usedBy !== null) return finish(refused('replayed-nonce', `the envelope's nonce was already used by command ${usedBy}`), hash);
      ledger.useNonce(envelope.nonce, commandId, at);

      const decision = decideCommand(envelope, verified.signer, ctx.state, now);
      if ('status' in decision) return finish(decision, hash);
      const result = store.record(decision.draft, new Date(now));
      return finish(result.status === 'accepted' ? { status: 'accepted', seq: result.seq } : refused('rejected', result.reason), hash);
    })
    .immediate();
}
