import { verify, type X509Certificate } from 'node:crypto';
import { readCrlSummary } from './crl-asn1';
import { normalizeSerial } from './serial';

/**
 * Revocation knowledge from a set of CRLs, for certificates checked outside a TLS handshake
 * (signed commands on the regional server, briefing packages on a workstation). Each CRL is
 * kept with the bytes its issuer signed, so a CRL counts only for the CA whose key verifies
 * it; of several CRLs of one CA the newest counts (those issued in the same second, together).
 */
export type RevocationStatus =
  | { status: 'good'; thisUpdate: Date; nextUpdate: Date | null }
  | { status: 'revoked'; thisUpdate: Date; nextUpdate: Date | null }
  /** no-crl: no CRL of the issuer verifies; stale: its newest CRL is past its next update. */
  | { status: 'unknown'; why: 'no-crl' }
  | { status: 'unknown'; why: 'stale'; thisUpdate: Date; nextUpdate: Date };

export interface RevocationList {
  /** true: revoked; false: listed issuer, serial not revoked; null: no current CRL of this issuer. */
  isRevoked(cert: X509Certificate, issuer: X509Certificate, now: number): boolean | null;
  /** The same decision, with the CRL's dates and why it is unknown. */
  check(cert: X509Certificate, issuer: X509Certificate, now: number): RevocationStatus;
  /** How many CRLs could be read. */
  readonly size: number;
}

interface CrlContent {
  serials: ReadonlySet<string>;
  thisUpdate: Date;
  nextUpdate: Date | null;
}

interface ParsedCrl extends CrlContent {
  tbs: Buffer;
  signature: Buffer;
}

/** The newest of a CA's CRLs; CRLs with the same thisUpdate (one-second resolution) are merged. */
function newestOf(signed: readonly ParsedCrl[]): CrlContent | null {
  const latest = Math.max(...signed.map((c) => c.thisUpdate.getTime()));
  const newest = signed.filter((c) => c.thisUpdate.getTime() === latest);
  const first = newest[0];
  if (!first) return null;
  const ends = newest.map((c) => c.nextUpdate);
  return {
    serials: new Set(newest.flatMap((c) => [...c.serials])),
    thisUpdate: first.thisUpdate,
    nextUpdate: ends.some((d) => d === null) ? null : new Date(Math.max(...ends.map((d) => (d as Date).getTime()))),
  };
}

/** One DER element at `offset`: where its content starts and where it ends. */
function element(der: Buffer, offset: number): { content: number; end: number } {
  const first = der[offset + 1];
  if (first === undefined) throw new Error('truncated DER');
  if (first < 0x80) return { content: offset + 2, end: offset + 2 + first };
  const bytes = first & 0x7f;
  if (bytes === 0 || bytes > 4) throw new Error('unsupported DER length');
  let length = 0;
  for (let i = 0; i < bytes; i++) length = length * 256 + (der[offset + 2 + i] ?? 0);
  const content = offset + 2 + bytes;
  return { content, end: content + length };
}

/** CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }. */
function parseCrl(pem: string): ParsedCrl {
  const body = pem.replace(/-----(BEGIN|END) X509 CRL-----/g, '').replace(/\s+/g, '');
  const der = Buffer.from(body, 'base64');
  const outer = element(der, 0);
  const tbs = element(der, outer.content);
  const algorithm = element(der, tbs.end);
  const bits = element(der, algorithm.end);
  if (bits.end > der.length) throw new Error('truncated CRL');
  const summary = readCrlSummary(pem);
  return {
    tbs: der.subarray(outer.content, tbs.end),
    // The BIT STRING's first content byte counts unused bits (0 for a signature).
    signature: der.subarray(bits.content + 1, bits.end),
    serials: new Set(summary.serials.map(normalizeSerial)),
    thisUpdate: summary.thisUpdate,
    nextUpdate: summary.nextUpdate,
  };
}

/** Throws with the cause when `pem` is not a CRL this module can use. */
export function checkCrlPem(pem: string): void {
  parseCrl(pem);
}

export function revocationList(crlPems: readonly string[], log: (line: string) => void = () => undefined): RevocationList {
  const crls: ParsedCrl[] = [];
  for (const pem of crlPems) {
    try {
      crls.push(parseCrl(pem));
    } catch (err) {
      log(`a CRL could not be read for signer checks: ${(err as Error).message}`);
    }
  }
  const byIssuer = new Map<string, CrlContent | null>();
  const crlOf = (issuer: X509Certificate): CrlContent | null => {
    const key = issuer.fingerprint256;
    if (!byIssuer.has(key)) {
      const signed = crls.filter((c) => {
        try {
          return verify('sha256', c.tbs, issuer.publicKey, c.signature);
        } catch {
          return false;
        }
      });
      byIssuer.set(key, newestOf(signed));
    }
    return byIssuer.get(key) ?? null;
  };
  const check = (cert: X509Certificate, issuer: X509Certificate, now: number): RevocationStatus => {
    const crl = crlOf(issuer);
    if (!crl) return { status: 'unknown', why: 'no-crl' };
    if (crl.nextUpdate && crl.nextUpdate.getTime() < now) return { status: 'unknown', why: 'stale', thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate };
    const dates = { thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate };
    return crl.serials.has(normalizeSerial(cert.serialNumber)) ? { status: 'revoked', ...dates } : { status: 'good', ...dates };
  };
  return {
    check,
    isRevoked(cert, issuer, now) {
      const result = check(cert, issuer, now);
      return result.status === 'unknown' ? null : result.status === 'revoked';
    },
    size: crls.length,
  };
}
