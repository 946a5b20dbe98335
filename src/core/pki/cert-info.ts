import { createHash, X509Certificate } from 'node:crypto';
import { PkiError } from './errors';
import { forge, type ForgeCert } from './forge';
import { type Role, scopeFromUris } from './scope';
import { normalizeSerial } from './serial';

/** What a certificate says about its holder, in the terms of this PKI. */
export interface CertInfo {
  /** `CN=…,OU=…,O=…` (RFC 4514 order). */
  subject: string;
  issuer: string;
  name: string;
  /** null on CA certificates and certificates without INRS scope names. */
  role: Role | null;
  region: string | null;
  depot: string | null;
  /** Lowercase hex, no leading zeros. */
  serial: string;
  notBefore: string;
  notAfter: string;
  /** DNS names and IP addresses (servers). */
  hosts: string[];
  isCa: boolean;
  spkiPin: string;
  fingerprint256: string;
}

const UTF8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;

export function parseCertPem(certPem: string): ForgeCert {
  try {
    return forge.pki.certificateFromPem(certPem);
  } catch (err) {
    throw new PkiError('bad-certificate', `not a readable RSA certificate: ${(err as Error).message}`);
  }
}

function attributeValue(a: forge.pki.CertificateField): string {
  const v = typeof a.value === 'string' ? a.value : '';
  return a.valueTagClass === UTF8 ? forge.util.decodeUtf8(v) : v;
}

/** A distinguished name in RFC 4514 order (least significant first), e.g. CN=…,OU=…,O=…. */
export function dnString(attributes: forge.pki.CertificateField[]): string {
  return [...attributes]
    .reverse()
    .map((a) => `${a.shortName ?? a.type ?? '?'}=${attributeValue(a)}`)
    .join(',');
}

function field(cert: ForgeCert, shortName: string): string {
  const a = cert.subject.attributes.find((x) => x.shortName === shortName);
  return a ? attributeValue(a) : '';
}

interface AltNameEntry {
  type: number;
  value?: string;
  ip?: string;
}

function altNames(cert: ForgeCert): AltNameEntry[] {
  const ext = cert.getExtension('subjectAltName') as { altNames?: AltNameEntry[] } | undefined;
  return ext?.altNames ?? [];
}

/** base64 SHA-256 of the DER SubjectPublicKeyInfo: the server pin the sync client checks. */
export function spkiPin(certPem: string): string {
  let spki: Buffer;
  try {
    spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  } catch (err) {
    throw new PkiError('bad-certificate', `not a readable certificate: ${(err as Error).message}`);
  }
  return createHash('sha256').update(spki).digest('base64');
}

export function fingerprint256(certPem: string): string {
  return createHash('sha256').update(new X509Certificate(certPem).raw).digest('hex');
}

export function certInfo(certPem: string): CertInfo {
  const cert = parseCertPem(certPem);
  const names = altNames(cert);
  const uris = names.filter((n) => n.type === 6 && n.value !== undefined).map((n) => n.value as string);
  const scope = scopeFromUris(uris);
  const basic = cert.getExtension('basicConstraints') as { cA?: boolean } | undefined;
  return {
    subject: dnString(cert.subject.attributes),
    issuer: dnString(cert.issuer.attributes),
    name: field(cert, 'CN'),
    role: scope?.role ?? null,
    region: scope?.region ?? null,
    depot: scope?.depot ?? null,
    serial: normalizeSerial(cert.serialNumber),
    notBefore: cert.validity.notBefore.toISOString(),
    notAfter: cert.validity.notAfter.toISOString(),
    hosts: names.flatMap((n) => (n.type === 2 && n.value ? [n.value] : n.type === 7 && n.ip ? [n.ip] : [])),
    isCa: basic?.cA === true,
    spkiPin: spkiPin(certPem),
    fingerprint256: fingerprint256(certPem),
  };
}
