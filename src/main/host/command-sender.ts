import { HostError, type CommandAnswer, type OfficerIdentity } from '../../shared/contract';
import { canonicalJson } from '../../shared/domain/canonical';
import type { EmergencyLevel } from '../../shared/domain/emergency';
import type { CommandBody, SignedEnvelope } from '../../shared/protocol/command-envelope';
import { signEnvelope } from '../../core/commands/sign-envelope';
import { certInfo } from '../../core/pki';
import { LinkUnavailableError, type LinkIdentity, type SignedOutcome } from '../../core/sync/region-link';

/** Where signed envelopes go: the host's SyncManager, which routes each by its region. */
export interface SignedCommandSink {
  signedCommand(envelope: SignedEnvelope): Promise<SignedOutcome>;
}

export interface CommandSender {
  /** Who this host signs as, read from the link certificate. */
  readonly identity: OfficerIdentity;
  /**
   * Signs a command with the link identity's key (the key never leaves this process) and sends
   * it to the region's server. A refusal is a normal answer; no link to the region is a
   * HostError `not-connected`. Pass the commandId of an earlier attempt to retry it: the very
   * envelope signed then is sent again, so the server answers with its first result.
   */
  send(region: string, expectedLevel: EmergencyLevel | null, body: CommandBody, commandId?: string): Promise<CommandAnswer>;
}

/** The officer identity a certificate carries, in the subject form the server records. */
export function officerIdentityOf(identity: LinkIdentity): OfficerIdentity {
  const leaf = identity.chainPem[0];
  if (!leaf) throw new Error('the link identity holds no certificate');
  const info = certInfo(leaf);
  if (!info.role || !info.region) throw new Error(`certificate ${info.subject} carries no INRS role and region`);
  return { subject: `CN=${info.name},OU=${info.role},O=${info.region}`, name: info.name, role: info.role, region: info.region, depot: info.depot };
}

/** Envelopes kept for retries: the server answers the same envelope with its first result, however late. */
const KEEP_ENVELOPES = 500;

export function createCommandSender({ sync, identity }: { sync: SignedCommandSink; identity: LinkIdentity }): CommandSender {
  const officer = officerIdentityOf(identity);
  const signed = new Map<string, SignedEnvelope>();
  const envelopeFor = (region: string, expectedLevel: EmergencyLevel | null, body: CommandBody, commandId: string | undefined): SignedEnvelope => {
    const earlier = commandId === undefined ? undefined : signed.get(commandId);
    if (earlier) {
      if (earlier.region !== region || earlier.expectedLevel !== expectedLevel || canonicalJson(earlier.body) !== canonicalJson(body)) {
        throw new HostError('bad-request', `${body.kind}: command ${commandId} was signed for another command; a retry must repeat it exactly`);
      }
      return earlier;
    }
    const envelope = signEnvelope({ region, expectedLevel, body, ...(commandId ? { commandId } : {}) }, identity);
    signed.set(envelope.commandId, envelope);
    // Oldest first: Map keeps insertion order.
    for (const id of signed.keys()) {
      if (signed.size <= KEEP_ENVELOPES) break;
      signed.delete(id);
    }
    return envelope;
  };
  return {
    identity: officer,
    send: async (region, expectedLevel, body, commandId) => {
      const envelope = envelopeFor(region, expectedLevel, body, commandId);
      try {
        const outcome = await sync.signedCommand(envelope);
        return { commandId: envelope.commandId, ...outcome };
      } catch (err) {
        if (err instanceof LinkUnavailableError) throw new HostError('not-connected', `${body.kind}: ${err.message}`);
        throw err;
      }
    },
  };
}

/** The sender of a host that has one; an offline host answers every command with a clear error. */
export function requireSender(sender: CommandSender | null, kind: CommandBody['kind']): CommandSender {
  if (!sender) {
    throw new HostError('not-connected', `${kind}: this host runs offline (no regional link and no signing identity); commands cannot be sent`);
  }
  return sender;
}
