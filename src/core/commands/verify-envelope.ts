import { createHash, verify, X509Certificate } from 'node:crypto';
import { canonicalJson } from '../../shared/domain/canonical';
import { envelopeSigningText, envelopeTimeProblem, signedEnvelopeSchema, type SignedEnvelope } from '../../shared/protocol/command-envelope';
import { certInfo } from '../pki/cert-info';
import { refused, type Refused, type SignerIdentity } from './outcome';
import type { RevocationList } from './revocation';

/**
 * The checks of a signed envelope that need no state: its schema, the signer's certificate
 * (chain, revocation, validity), the signature, and the validity window. Each refusal names
 * its code; the executor calls them in the order the protocol fixes.
 */
export interface EnvelopeTrust {
  /** The national root: the only trust anchor. */
  root: X509Certificate;
  revocation: RevocationList;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export function parseEnvelope(raw: unknown, frameCommandId: string): { envelope: SignedEnvelope } | Refused {
  const parsed = signedEnvelopeSchema.safeParse(raw);
  if (!parsed.success) {
    return refused('malformed', `invalid envelope: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  if (parsed.data.commandId !== frameCommandId) {
    return refused('malformed', `the frame's command id ${frameCommandId} differs from the envelope's ${parsed.data.commandId}`);
  }
  return { envelope: parsed.data };
}

/** Identifies an envelope byte for byte: the same id with another envelope is not a retry. */
export function envelopeHash(envelope: SignedEnvelope): string {
  return createHash('sha256').update(canonicalJson(envelope)).digest('hex');
}

const issuedBy = (child: X509Certificate, issuer: X509Certificate) => child.checkIssued(issuer) && child.verify(issuer.publicKey);
const subjectField = (cert: X509Certificate, field: string) => new RegExp(`^${field}=(.*)$`, 'm').exec(cert.subject)?.[1] ?? null;
const validAt = (cert: X509Certificate, now: number) => Date.parse(cert.validFrom) <= now && now <= Date.parse(cert.validTo);

export interface VerifiedSigner {
  signer: SignerIdentity;
  leaf: X509Certificate;
}

/**
 * The signer's chain must be leaf → its region's intermediate → the national root; then the
 * leaf (and its intermediate) must not be revoked and must be valid now.
 */
/** A refusal of a signer whose chain verified: the audit names who it was (revoked, expired…). */
export type SignerRefused = Refused & { claimedSubject?: string };

export function verifySigner(envelope: SignedEnvelope, trust: EnvelopeTrust, now: number): VerifiedSigner | SignerRefused {
  const pems = envelope.signerCert.match(PEM_BLOCK) ?? [];
  let chain: X509Certificate[];
  try {
    chain = pems.map((p) => new X509Certificate(p));
  } catch {
    return refused('untrusted-signer', 'the signer certificate is not a valid X.509 certificate');
  }
  const [leaf, ...rest] = chain;
  const leafPem = pems[0];
  if (!leaf || !leafPem) return refused('untrusted-signer', 'the envelope carries no signer certificate');
  if (leaf.ca) return refused('untrusted-signer', 'the signer certificate is a CA certificate, not an officer’s');
  const intermediate = rest.find((c) => c.fingerprint256 !== trust.root.fingerprint256 && issuedBy(leaf, c));
  if (!intermediate) {
    return refused('untrusted-signer', issuedBy(leaf, trust.root) ? 'the signer certificate is not issued through a region intermediate' : 'the signer chain carries no intermediate that issued the signer certificate');
  }
  if (!intermediate.ca || !issuedBy(intermediate, trust.root)) return refused('untrusted-signer', 'the signer chain does not lead to the national root');
  let info;
  try {
    info = certInfo(leafPem);
  } catch {
    return refused('untrusted-signer', 'the signer certificate cannot be read');
  }
  if (!info.role || !info.region || !info.name) return refused('untrusted-signer', 'the signer certificate carries no INRS role and region');
  if (subjectField(intermediate, 'OU') !== 'regional-ca' || subjectField(intermediate, 'O') !== info.region) {
    return refused('untrusted-signer', `the signer certificate of region ${info.region} is not issued by that region's intermediate`);
  }
  const subject = `CN=${info.name},OU=${info.role},O=${info.region}`;
  const named = (r: Refused): SignerRefused => ({ ...r, claimedSubject: subject });
  const checks = [
    { cert: leaf, issuer: intermediate, what: `the signer certificate ${subject} (serial ${info.serial})` },
    { cert: intermediate, issuer: trust.root, what: `the intermediate of region ${info.region}` },
  ];
  for (const { cert, issuer, what } of checks) {
    const revoked = trust.revocation.isRevoked(cert, issuer, now);
    if (revoked === null) return named(refused('revocation-unknown', `no current CRL to check ${what} against`));
    if (revoked) return named(refused('revoked', `${what} is revoked`));
  }
  if (!validAt(leaf, now)) return named(refused('signer-not-valid', `the signer certificate is valid ${leaf.validFrom} – ${leaf.validTo}, not now`));
  if (!validAt(intermediate, now)) return named(refused('signer-not-valid', `the intermediate of region ${info.region} is not valid now`));
  return { leaf, signer: { subject, name: info.name, role: info.role, region: info.region, depot: info.depot } };
}

export function verifySignature(envelope: SignedEnvelope, leaf: X509Certificate): Refused | null {
  let ok = false;
  try {
    ok = verify('sha256', Buffer.from(envelopeSigningText(envelope)), leaf.publicKey, Buffer.from(envelope.signature, 'base64'));
  } catch {
    ok = false;
  }
  return ok ? null : refused('bad-signature', 'the signature does not verify against the signer certificate (content altered or wrong key)');
}

export function checkTimeWindow(envelope: SignedEnvelope, now: number): Refused | null {
  const problem = envelopeTimeProblem(envelope, now);
  if (problem === null) return null;
  return refused(problem.startsWith('expired') ? 'expired' : 'time-window', `the command ${problem}`);
}
