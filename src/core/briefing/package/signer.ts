import { X509Certificate, sign, verify } from 'node:crypto';
import { canonicalJson } from '../../../shared/domain/canonical';
import { inScope, NATIONAL_SCOPE } from '../../../shared/domain/roles';
import { certInfo, type CertInfo, type RevocationList } from '../../pki';
import { BriefingError } from '../errors';
import type { Manifest } from './manifest';
import { checkChainRevocation, flatSubject, type ChainLink, type RevocationReport } from './revocation';

/** Officers who may hand a briefing package out: they command; analysts and machines do not. */
export const PACKAGE_SIGNER_ROLES: readonly string[] = ['national-commander', 'duty-officer'];

export const signingText = (manifest: Manifest): Buffer => Buffer.from(canonicalJson(manifest), 'utf8');

export function signManifest(manifest: Manifest, keyPem: string): string {
  return sign('sha256', signingText(manifest), keyPem).toString('base64');
}

/** Why `info` may not sign a package of `regions`, or null. */
export function signerRefusal(info: Pick<CertInfo, 'role' | 'region' | 'subject'>, regions: readonly string[]): string | null {
  if (!info.role || !PACKAGE_SIGNER_ROLES.includes(info.role)) {
    return `${info.subject} is a ${info.role ?? 'certificate without an INRS role'}; only a national commander or a duty officer may sign briefing packages`;
  }
  const region = info.region ?? '';
  const outside = regions.filter((r) => r !== NATIONAL_SCOPE && !inScope(region, r));
  if (outside.length > 0) return `${info.subject} (region ${region}) may not hand out region ${outside.join(', ')}: outside the certificate's scope`;
  return null;
}

export interface SignerCheck {
  rootPem: string;
  /** CRLs to check the chain against; null: revocation is not checked (and the report says so). */
  revocation: RevocationList | null;
  /** The verifier's clock (ms): CRLs must be current at it. */
  now: number;
  file: string;
}

export interface VerifiedSigner {
  info: CertInfo;
  revocation: RevocationReport;
}

/**
 * Checks the signer chain leads to the national root, no certificate in it is revoked (with
 * CRLs), every one was valid at the package's creation, the signer may sign this package, and
 * the signature over the manifest holds. Each failure names what is wrong.
 */
export function verifySigner(manifest: Manifest, signature: string, chainPem: readonly string[], check: SignerCheck): VerifiedSigner {
  const { rootPem, file } = check;
  let chain: X509Certificate[];
  let root: X509Certificate;
  try {
    root = new X509Certificate(rootPem);
  } catch {
    throw new BriefingError('untrusted-signer', `the given national root is not a readable X.509 certificate`);
  }
  try {
    chain = chainPem.map((p) => new X509Certificate(p));
  } catch {
    throw new BriefingError('untrusted-signer', `${file}: the signer's certificate chain is not readable X.509 (altered?)`);
  }
  const leaf = chain[0] as X509Certificate;
  const issuedBy = (child: X509Certificate, issuer: X509Certificate) => child.checkIssued(issuer) && child.verify(issuer.publicKey);
  const path: X509Certificate[] = [leaf];
  let current = leaf;
  for (const next of chain.slice(1)) {
    if (next.fingerprint256 === root.fingerprint256) break;
    if (!issuedBy(current, next)) throw new BriefingError('untrusted-signer', `${file}: the signer's certificate chain is broken at ${current.subject.replace(/\n/g, ',')}`);
    current = next;
    path.push(current);
  }
  if (!issuedBy(current, root)) {
    throw new BriefingError('untrusted-signer', `${file}: untrusted signer: ${leaf.subject.replace(/\n/g, ',')} does not chain to the given national root`);
  }
  // Each certificate of the verified path with its issuer (the root issued the last one);
  // checked before anything else so a revoked signer reads as revoked, whatever else is wrong.
  const links: ChainLink[] = path.map((cert, i) => ({
    cert,
    issuer: path[i + 1] ?? root,
    name: i === 0 ? `signer certificate ${flatSubject(cert)}` : `intermediate CA ${flatSubject(cert)}`,
    signer: i === 0,
  }));
  const revocation = checkChainRevocation(links, check.revocation, check.now, file);
  const created = Date.parse(manifest.createdAt);
  for (const cert of chain) {
    if (created < Date.parse(cert.validFrom) || created > Date.parse(cert.validTo)) {
      throw new BriefingError('untrusted-signer', `${file}: certificate ${cert.subject.replace(/\n/g, ',')} was not valid when the package was made (${manifest.createdAt}; valid ${cert.validFrom} – ${cert.validTo})`);
    }
  }
  const info = certInfo(leaf.toString());
  if (info.isCa) throw new BriefingError('signer-not-allowed', `${file}: signed by a CA certificate, not an officer's`);
  const refusal = signerRefusal(info, manifest.regions);
  if (refusal) throw new BriefingError('signer-not-allowed', `${file}: ${refusal}`);
  if (!verify('sha256', signingText(manifest), leaf.publicKey, Buffer.from(signature, 'base64'))) {
    throw new BriefingError('bad-signature', `${file}: the signature does not verify: the manifest was altered or was not signed by ${info.subject}`);
  }
  if (info.fingerprint256 !== manifest.creator.fingerprint256) {
    throw new BriefingError('bad-signature', `${file}: the manifest names creator ${manifest.creator.subject}, but ${info.subject} signed it`);
  }
  return { info, revocation };
}
