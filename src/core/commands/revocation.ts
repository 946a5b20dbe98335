import { verify, type X509Certificate } from 'node:crypto';
import { readCrlSummary } from '../pki/crl-asn1';
import { normalizeSerial } from '../pki/serial';

/**
 * The revocation knowledge of a regional server, for signer certificates: the same CRLs its
 * TLS context loads (and reloads), each kept with the bytes its issuer signed, so a CRL counts
 * only for the CA whose key verifies it.
 */
export interface RevocationList {
  /** true: revoked; false: listed issuer, serial not revoked; null: no valid CRL of this issuer. */
  isRevoked(cert: X509Certificate, issuer: X509Certificate, now: number): boolean | null;
}

interface ParsedCrl {
  tbs: Buffer;
  signature: Buffer;
  serials: ReadonlySet<string>;
  nextUpdate: Date | null;
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
    nextUpdate: summary.nextUpdate,
  };
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
  const byIssuer = new Map<string, ParsedCrl | null>();
  const crlOf = (issuer: X509Certificate): ParsedCrl | null => {
    const key = issuer.fingerprint256;
    if (!byIssuer.has(key)) {
      const found = crls.find((c) => {
        try {
          return verify('sha256', c.tbs, issuer.publicKey, c.signature);
        } catch {
          return false;
        }
      });
      byIssuer.set(key, found ?? null);
    }
    return byIssuer.get(key) ?? null;
  };
  return {
    isRevoked(cert, issuer, now) {
      const crl = crlOf(issuer);
      if (!crl || (crl.nextUpdate && crl.nextUpdate.getTime() < now)) return null;
      return crl.serials.has(normalizeSerial(cert.serialNumber));
    },
  };
}
