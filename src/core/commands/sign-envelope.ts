import { randomBytes, randomUUID, sign } from 'node:crypto';
import type { CommandBody, SignedEnvelope, UnsignedEnvelope } from '../../shared/protocol/command-envelope';
import { ENVELOPE_VERSION, envelopeSigningText } from '../../shared/protocol/command-envelope';
import type { EmergencyLevel } from '../../shared/domain/emergency';

export interface SigningIdentity {
  keyPem: string;
  chainPem: string[];
}

export interface EnvelopeRequest {
  region: string;
  expectedLevel: EmergencyLevel | null;
  body: CommandBody;
  /** Reuse on retry: the same id yields the server's first result, never a second transition. */
  commandId?: string;
  lifetimeMs?: number;
  now?: number;
}

/** Builds and signs a command envelope with the officer's key; the key never leaves this process. */
export function signEnvelope(request: EnvelopeRequest, identity: SigningIdentity): SignedEnvelope {
  const now = request.now ?? Date.now();
  const unsigned: UnsignedEnvelope = {
    v: ENVELOPE_VERSION,
    commandId: request.commandId ?? randomUUID(),
    region: request.region,
    expectedLevel: request.expectedLevel,
    issuedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + (request.lifetimeMs ?? 60_000)).toISOString(),
    nonce: randomBytes(16).toString('hex'),
    body: request.body,
    signerCert: identity.chainPem.join('\n'),
  };
  const signature = sign('sha256', Buffer.from(envelopeSigningText(unsigned)), identity.keyPem).toString('base64');
  return { ...unsigned, signature };
}
