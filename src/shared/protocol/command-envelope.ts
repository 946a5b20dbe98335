import { z } from 'zod';
import { alertRuleSetSchema } from '../domain/alert-rules';
import { adcodeSchema } from '../domain/adcode';
import { instructionSchema } from '../domain/instruction-schema';
import { EMERGENCY_LEVELS, MAX_ENVELOPE_LIFETIME_MS } from '../domain/emergency';
import { canonicalJson } from '../domain/canonical';
import { registryRulesPublishedSchema } from '../domain/registry';

/**
 * Signed command envelopes (docs/architecture.md §8): every command that changes the world carries its
 * own id (idempotency), the region, the state the signer saw (compare-and-set), a short
 * validity window, a nonce, and the signer's certificate chain with an RSA-SHA256 signature
 * over the canonical JSON of everything else. The server takes role and scope from the
 * signer certificate, never from the frame.
 */
export const ENVELOPE_VERSION = 1;

const levelSchema = z.enum(EMERGENCY_LEVELS);
const text = (max: number) => z.string().trim().min(1).max(max);

export const commandBodySchema = z.discriminatedUnion('kind', [
  /** Levels III/IV (and normal from below II) apply at once; I/II wait as a proposal for a co-signature. */
  z.object({ kind: z.literal('emergency.propose'), toLevel: levelSchema, plan: text(200), reason: text(500) }),
  /** The second officer's signature on a pending proposal (two-person rule). */
  z.object({ kind: z.literal('emergency.cosign'), proposalId: text(128) }),
  z.object({ kind: z.literal('emergency.cancel'), proposalId: text(128), reason: text(500) }),
  /** One officer raises level I at once; flagged and alerted until a second officer countersigns. */
  z.object({ kind: z.literal('emergency.break-glass'), plan: text(200), reason: text(500) }),
  z.object({ kind: z.literal('emergency.countersign') }),
  /** A dispatch (or other) instruction, recorded in the region's log once verified. */
  z.object({ kind: z.literal('instruction.issue'), instruction: instructionSchema }),
  /** The addressee of an instruction confirms receipt (multi-level task tracking). */
  z.object({ kind: z.literal('instruction.acknowledge'), instructionId: text(64) }),
  /** An analyst publishes a new version of the region's alert rules. */
  z.object({ kind: z.literal('alert-rules.publish'), ruleSet: alertRuleSetSchema }),
  /** An officer acknowledges one raising of a rule alert, with a comment. */
  z.object({ kind: z.literal('alert.acknowledge'), alertId: text(200), raisedAt: z.iso.datetime(), comment: text(500) }),
  /** An officer hands one raising of a rule alert to a named user (the subject or name it goes to). */
  z.object({ kind: z.literal('alert.assign'), alertId: text(200), raisedAt: z.iso.datetime(), assignee: text(200) }),
  /** An officer closes one raising of a rule alert with a note; it is not raised again until it clears. */
  z.object({ kind: z.literal('alert.resolve'), alertId: text(200), raisedAt: z.iso.datetime(), comment: text(500) }),
  /** The national hub publishes a contribution rule version of the civilian asset registry. */
  z.object({ kind: z.literal('registry.publish-rules'), rules: registryRulesPublishedSchema }),
]);
export type CommandBody = z.infer<typeof commandBodySchema>;
export type CommandKind = CommandBody['kind'];

export const unsignedEnvelopeSchema = z.object({
  v: z.literal(ENVELOPE_VERSION),
  commandId: z.string().min(8).max(128),
  region: adcodeSchema,
  /**
   * The level the signer saw (compare-and-set): a level command is refused when the region is
   * no longer at it. null for commands that do not change the level (instructions).
   */
  expectedLevel: levelSchema.nullable(),
  issuedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  nonce: z.string().regex(/^[0-9a-f]{32}$/),
  body: commandBodySchema,
  /** Signer's certificate chain (PEM, leaf first). */
  signerCert: z.string().min(1).max(16_384),
});
export type UnsignedEnvelope = z.infer<typeof unsignedEnvelopeSchema>;

export const signedEnvelopeSchema = unsignedEnvelopeSchema.extend({
  /** base64 RSA-SHA256 over envelopeSigningText(). */
  signature: z.string().min(1).max(2048),
});
export type SignedEnvelope = z.infer<typeof signedEnvelopeSchema>;

/** The exact bytes an officer signs: a domain tag and the canonical JSON of the unsigned envelope. */
export function envelopeSigningText(envelope: UnsignedEnvelope): string {
  const { signature: _ignored, ...unsigned } = envelope as SignedEnvelope;
  return `inrs-command-v${ENVELOPE_VERSION}\n${canonicalJson(unsigned)}`;
}

/** How far ahead of the server's clock an envelope's issuedAt may be (unsynchronised clocks). */
export const ENVELOPE_CLOCK_SKEW_MS = 30_000;

/** Why an envelope's validity window is unacceptable at `now`, or null. */
export function envelopeTimeProblem(envelope: Pick<UnsignedEnvelope, 'issuedAt' | 'expiresAt'>, now: number, skewMs = ENVELOPE_CLOCK_SKEW_MS): string | null {
  const issued = Date.parse(envelope.issuedAt);
  const expires = Date.parse(envelope.expiresAt);
  if (expires <= issued) return 'expiresAt is not after issuedAt';
  if (expires - issued > MAX_ENVELOPE_LIFETIME_MS) return `validity of ${Math.round((expires - issued) / 1000)} s exceeds the ${MAX_ENVELOPE_LIFETIME_MS / 1000} s allowed`;
  if (issued > now + skewMs) return `issued in the future (${envelope.issuedAt})`;
  if (now > expires) return `expired at ${envelope.expiresAt}`;
  return null;
}
