import { X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate, PeerCertificate } from 'node:tls';
import { revocationList, type RevocationList } from '../pki/revocation-list';

/** Most CRLs a client keeps: the root's and one per region, with room for a newer issue of each. */
const MAX_CRLS = 256;

/** The chain a server presented, leaf first, as far as it goes (its top is the national root). */
export function chainOf(cert: PeerCertificate): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let current: PeerCertificate | undefined = cert;
  while (current?.raw && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(new X509Certificate(current.raw));
    current = (current as DetailedPeerCertificate).issuerCertificate;
  }
  return chain;
}

const cnOf = (cert: X509Certificate): string => /CN=([^\n,]+)/.exec(cert.subject)?.[1] ?? cert.subject;

/**
 * The revocation knowledge a sync client checks regional servers against: the CRLs it was
 * given (its config), plus the ones servers hand it in their welcome, each kept only if the
 * national root or an intermediate of a chain the client verified signed it. Of several CRLs of
 * one CA the newest counts, so a server cannot roll a client back to an older list.
 */
export class ServerCrls {
  private readonly pems: string[] = [];
  private list: RevocationList;

  constructor(
    private readonly rootPem: string,
    held: readonly string[] = [],
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.pems.push(...held);
    this.list = revocationList(this.pems, log);
  }

  get size(): number {
    return this.list.size;
  }

  /**
   * Why the server's certificate (or an intermediate above it) must not be trusted: revoked by
   * a CRL the client holds; null when none of them lists it (or none covers its issuer).
   */
  revocationOf(cert: PeerCertificate, now = Date.now()): string | null {
    const chain = chainOf(cert);
    const root = new X509Certificate(this.rootPem);
    for (let i = 0; i < chain.length; i++) {
      const subject = chain[i] as X509Certificate;
      const issuer = chain[i + 1] ?? (subject.checkIssued(root) ? root : undefined);
      if (!issuer || subject.fingerprint256 === root.fingerprint256) break;
      const status = this.list.check(subject, issuer, now);
      if (status.status === 'revoked') {
        const what = i === 0 ? 'server certificate' : 'intermediate CA certificate';
        return `${what} ${cnOf(subject)} (serial ${subject.serialNumber}) is revoked: listed in the CRL of ${cnOf(issuer)} issued ${status.thisUpdate.toISOString()}`;
      }
    }
    return null;
  }

  /**
   * Takes the CRLs a server sent: each kept if it is new here and signed by the root or by a CA
   * of `chain` (the chain this connection verified). Returns how many were added.
   */
  accept(pems: readonly string[], chain: readonly X509Certificate[]): number {
    const cas = [new X509Certificate(this.rootPem), ...chain.slice(1)];
    let added = 0;
    let foreign = 0;
    for (const pem of pems) {
      if (this.pems.includes(pem)) continue;
      const alone = revocationList([pem]);
      if (alone.size !== 1) continue;
      // A CRL counts only for a CA whose key verifies it: one no trusted CA signed is dropped.
      const signer = cas.find((ca) => alone.check(ca, ca, Number.NEGATIVE_INFINITY).status !== 'unknown');
      if (!signer) {
        // Other regions' CRLs come along from a shared trust folder; only this chain's count here.
        foreign++;
        continue;
      }
      this.pems.push(pem);
      added++;
    }
    if (foreign > 0) this.log(`ignored ${foreign} CRL(s) from the server not signed by the national root or a CA of the server's own chain`);
    if (added > 0) {
      this.pems.splice(0, Math.max(0, this.pems.length - MAX_CRLS));
      this.list = revocationList(this.pems, this.log);
    }
    return added;
  }
}
