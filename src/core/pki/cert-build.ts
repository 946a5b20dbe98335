import { forge, type ForgeCert, type ForgeKey } from './forge';
import { publicKeyOf } from './keys';

/** Subject fields: CN = name, OU = role (or CA kind), O = region; for people reading certs. */
export interface SubjectFields {
  cn: string;
  ou: string;
  o: string;
}

// forge's typings declare valueTagClass as a tag class, but it is the universal tag number.
const UTF8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;

/** Most significant first in DER (O, OU, CN), which reads as CN=…,OU=…,O=… in RFC 4514 order. */
export function subjectAttributes(s: SubjectFields): forge.pki.CertificateField[] {
  return [
    { shortName: 'O', value: s.o, valueTagClass: UTF8 },
    { shortName: 'OU', value: s.ou, valueTagClass: UTF8 },
    { shortName: 'CN', value: s.cn, valueTagClass: UTF8 },
  ];
}

/** The issuer's subject as forge must re-encode it (parsed UTF8 values arrive as raw bytes). */
function issuerAttributes(issuer: ForgeCert): forge.pki.CertificateField[] {
  return issuer.subject.attributes.map((a) => ({
    type: a.type,
    valueTagClass: a.valueTagClass,
    value: a.valueTagClass === UTF8 && typeof a.value === 'string' ? forge.util.decodeUtf8(a.value) : a.value,
  }));
}

export type AltName = { type: 2; value: string } | { type: 6; value: string } | { type: 7; ip: string };

export interface CertSpec {
  serial: string;
  subject: SubjectFields;
  key: ForgeKey;
  notBefore: Date;
  notAfter: Date;
  /** null: self-signed (the root). */
  issuer: { cert: ForgeCert; key: ForgeKey } | null;
  ca: { pathLen: number | null } | null;
  extKeyUsage?: readonly ('serverAuth' | 'clientAuth')[];
  altNames?: AltName[];
}

/** Builds and signs (SHA-256) one certificate with the extensions its kind needs. */
export function buildCertificate(spec: CertSpec): ForgeCert {
  const cert = forge.pki.createCertificate();
  cert.version = 2;
  cert.serialNumber = spec.serial;
  cert.publicKey = publicKeyOf(spec.key);
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  cert.setSubject(subjectAttributes(spec.subject));
  cert.setIssuer(spec.issuer ? issuerAttributes(spec.issuer.cert) : subjectAttributes(spec.subject));
  const signer = spec.issuer ?? { cert, key: spec.key };

  const extensions: object[] = [];
  if (spec.ca) {
    extensions.push({ name: 'basicConstraints', critical: true, cA: true, ...(spec.ca.pathLen === null ? {} : { pathLenConstraint: spec.ca.pathLen }) });
    extensions.push({ name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true });
  } else {
    extensions.push({ name: 'basicConstraints', critical: true, cA: false });
    extensions.push({ name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true });
  }
  if (spec.extKeyUsage?.length) extensions.push({ name: 'extKeyUsage', ...Object.fromEntries(spec.extKeyUsage.map((usage) => [usage, true])) });
  if (spec.altNames && spec.altNames.length > 0) extensions.push({ name: 'subjectAltName', altNames: spec.altNames });
  extensions.push({ name: 'subjectKeyIdentifier' });
  // Explicit key id of the issuer: forge's `keyIdentifier: true` would use this cert's own key.
  extensions.push({ name: 'authorityKeyIdentifier', keyIdentifier: keyIdentifier(signer.cert) });
  cert.setExtensions(extensions);
  cert.sign(signer.key, forge.md.sha256.create());
  return cert;
}

/** SHA-1 of the RSAPublicKey: the subjectKeyIdentifier forge writes for `cert`. */
export function keyIdentifier(cert: ForgeCert): string {
  return cert.generateSubjectKeyIdentifier().getBytes();
}

export function certToPem(cert: ForgeCert): string {
  return forge.pki.certificateToPem(cert);
}

export function certToDer(cert: ForgeCert): Buffer {
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}
