import { sign, verify, X509Certificate } from 'node:crypto';
import type { Identity } from '../pki';
import { BackupError } from './errors';
import type { BackupHeader, Manifest } from './manifest';

/** Signs the manifest's exact text with the identity's key; its chain travels in the header. */
export function signManifest(manifest: Manifest, identity: Identity): BackupHeader {
  const text = JSON.stringify(manifest);
  return { manifest: text, signature: sign('sha256', Buffer.from(text), identity.keyPem).toString('base64'), signerChain: identity.chainPem };
}

const uris = (cert: X509Certificate) => cert.subjectAltName ?? '';

/**
 * Refuses a header whose signer chain does not lead to `rootPem`, whose signer may not make this
 * backup (a server backup: a regional server of the manifest's region), was not valid when it
 * was made, or whose signature does not verify over the manifest text.
 */
export function checkSigner(file: string, header: BackupHeader, manifest: Manifest, rootPem: string): { subject: string } {
  let chain: X509Certificate[];
  try {
    chain = header.signerChain.map((pem) => new X509Certificate(pem));
  } catch {
    throw new BackupError('wrong-signer', file, 'the signer certificate is not a valid X.509 certificate');
  }
  const root = new X509Certificate(rootPem);
  const leaf = chain[0] as X509Certificate;
  const issuedBy = (child: X509Certificate, issuer: X509Certificate) => child.checkIssued(issuer) && child.verify(issuer.publicKey);
  let current = leaf;
  for (const next of chain.slice(1)) {
    if (next.fingerprint256 === root.fingerprint256) break;
    if (!issuedBy(current, next)) throw new BackupError('wrong-signer', file, `the signer chain is broken at ${next.subject.replace(/\n/g, ', ')}`);
    current = next;
  }
  const subject = leaf.subject.replace(/\n/g, ', ');
  if (!issuedBy(current, root)) throw new BackupError('wrong-signer', file, `signed by ${subject}, whose chain does not lead to the root ${root.subject.replace(/\n/g, ', ')}`);
  const san = uris(leaf);
  if (manifest.source === 'server') {
    if (!san.includes('urn:inrs:role:regional-server')) throw new BackupError('wrong-signer', file, `signed by ${subject}, which is not a regional server`);
    if (!san.includes(`urn:inrs:region:${manifest.region}`)) throw new BackupError('wrong-signer', file, `signed by ${subject}, which is not a server of region ${manifest.region}`);
  }
  const at = Date.parse(manifest.createdAt);
  if (at < Date.parse(leaf.validFrom) || at > Date.parse(leaf.validTo)) throw new BackupError('wrong-signer', file, `signed by ${subject}, whose certificate was not valid at ${manifest.createdAt}`);
  if (!verify('sha256', Buffer.from(header.manifest), leaf.publicKey, Buffer.from(header.signature, 'base64'))) {
    throw new BackupError('bad-signature', file, `the manifest signature of ${subject} does not verify (the manifest was changed)`);
  }
  return { subject };
}
