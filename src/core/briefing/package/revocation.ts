import type { X509Certificate } from 'node:crypto';
import type { RevocationList } from '../../pki';
import { BriefingError } from '../errors';

/** One certificate of the signer's verified chain and the CA that issued it. */
export interface ChainLink {
  cert: X509Certificate;
  issuer: X509Certificate;
  /** How messages name it: "signer CN=…" or "intermediate CA …". */
  name: string;
  /** The signer's own certificate: it must be checked whenever CRLs are given. */
  signer: boolean;
}

export interface CertificateRevocation {
  name: string;
  serial: string;
  /** checked: a current CRL of its issuer does not list it; not-checked: no current CRL of its issuer was given. */
  status: 'checked' | 'not-checked';
  detail: string;
}

/** What a verification learnt about revocation; `checked: false` when no CRL was given at all. */
export type RevocationReport = { checked: false } | { checked: true; crls: number; certificates: CertificateRevocation[] };

/** "CN=…,OU=…,O=…": most specific first, as the app names certificate subjects. */
export const flatSubject = (cert: X509Certificate): string => cert.subject.split('\n').reverse().join(',');
const day = (d: Date | null): string => (d ? d.toISOString() : 'none');

/**
 * Checks each link of the signer's chain against the given CRLs (a CRL counts only for the CA
 * whose key verifies it). A revoked certificate refuses the package; the signer's own
 * certificate must be covered by a current CRL of its issuer, otherwise the package is refused
 * as unknown; an issuer higher up without a current CRL among those given is reported as not
 * checked, never passed over in silence.
 */
export function checkChainRevocation(links: readonly ChainLink[], list: RevocationList | null, now: number, file: string): RevocationReport {
  if (list === null) return { checked: false };
  const certificates: CertificateRevocation[] = [];
  for (const link of links) {
    const serial = link.cert.serialNumber.toLowerCase();
    const issuer = flatSubject(link.issuer);
    const result = list.check(link.cert, link.issuer, now);
    if (result.status === 'revoked') {
      throw new BriefingError('revoked', `${file}: revoked: the ${link.name} (serial ${serial}) is revoked by the CRL of ${issuer} issued ${day(result.thisUpdate)}; do not trust this package`);
    }
    if (result.status === 'good') {
      certificates.push({ name: link.name, serial, status: 'checked', detail: `not revoked (CRL of ${issuer} issued ${day(result.thisUpdate)}, next update ${day(result.nextUpdate)})` });
      continue;
    }
    const why =
      result.why === 'stale'
        ? `the newest given CRL of ${issuer} is out of date (next update was ${day(result.nextUpdate)})`
        : `none of the ${list.size} given CRLs is signed by ${issuer}`;
    if (link.signer) {
      throw new BriefingError('revocation-unknown', `${file}: the revocation of the ${link.name} cannot be checked: ${why}; give a current CRL of its region (inrs pki crl --region …)`);
    }
    certificates.push({ name: link.name, serial, status: 'not-checked', detail: `NOT checked: ${why}` });
  }
  return { checked: true, crls: list.size, certificates };
}
