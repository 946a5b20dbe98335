import { keyIdentifier } from './cert-build';
import { PkiError } from './errors';
import { forge, type ForgeCert, type ForgeKey } from './forge';

/*
 * X.509 v2 CRLs (RFC 5280 §5). node-forge reads and writes certificates but has no CRL
 * writer, so the CertificateList is assembled here from forge.asn1 nodes.
 */

const { asn1 } = forge;
const U = asn1.Class.UNIVERSAL;
const T = asn1.Type;
const OID = {
  sha256WithRSA: '1.2.840.113549.1.1.11',
  crlNumber: '2.5.29.20',
  reasonCode: '2.5.29.21',
  authorityKeyIdentifier: '2.5.29.35',
};

export interface CrlEntry {
  serial: string;
  time: Date;
  /** RFC 5280 CRLReason; 0 (unspecified) is omitted from the entry. */
  reasonCode: number;
}

export interface CrlSpec {
  issuer: { cert: ForgeCert; key: ForgeKey };
  thisUpdate: Date;
  nextUpdate: Date;
  number: number;
  entries: CrlEntry[];
}

const seq = (items: forge.asn1.Asn1[]) => asn1.create(U, T.SEQUENCE, true, items);
const oid = (id: string) => asn1.create(U, T.OID, false, asn1.oidToDer(id).getBytes());
const sha256WithRsa = () => seq([oid(OID.sha256WithRSA), asn1.create(U, T.NULL, false, '')]);

/** UTCTime through 2049, GeneralizedTime after, as RFC 5280 requires. */
function time(date: Date): forge.asn1.Asn1 {
  return date.getUTCFullYear() < 2050
    ? asn1.create(U, T.UTCTIME, false, asn1.dateToUtcTime(date))
    : asn1.create(U, T.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(date));
}

/** A positive INTEGER from hex: leading zeros stripped, a 00 prepended when the top bit is set. */
function serialInteger(hex: string): forge.asn1.Asn1 {
  let bytes = forge.util.hexToBytes(hex.length % 2 ? `0${hex}` : hex).replace(/^\0+(?=[\s\S])/, '');
  if (bytes.charCodeAt(0) & 0x80) bytes = `\0${bytes}`;
  return asn1.create(U, T.INTEGER, false, bytes);
}

function extension(id: string, value: forge.asn1.Asn1): forge.asn1.Asn1 {
  return seq([oid(id), asn1.create(U, T.OCTETSTRING, false, asn1.toDer(value).getBytes())]);
}

/** The issuer's subject exactly as encoded in its certificate, so name matching is byte-exact. */
function subjectOf(cert: ForgeCert): forge.asn1.Asn1 {
  const tbs = (forge.pki.certificateToAsn1(cert).value as forge.asn1.Asn1[])[0];
  const fields = (tbs?.value ?? []) as forge.asn1.Asn1[];
  const offset = fields[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const subject = fields[4 + offset];
  if (!subject) throw new PkiError('bad-certificate', 'issuer certificate has no subject');
  return subject;
}

function entryAsn1(e: CrlEntry): forge.asn1.Asn1 {
  const items = [serialInteger(e.serial), time(e.time)];
  if (e.reasonCode !== 0) {
    items.push(seq([extension(OID.reasonCode, asn1.create(U, T.ENUMERATED, false, String.fromCharCode(e.reasonCode)))]));
  }
  return seq(items);
}

/** Builds, signs (SHA-256 with the issuer's key) and PEM-encodes a CRL. */
export function buildCrl(spec: CrlSpec): string {
  const tbsItems = [
    asn1.create(U, T.INTEGER, false, asn1.integerToDer(1).getBytes()), // v2
    sha256WithRsa(),
    subjectOf(spec.issuer.cert),
    time(spec.thisUpdate),
    time(spec.nextUpdate),
  ];
  if (spec.entries.length > 0) tbsItems.push(seq(spec.entries.map(entryAsn1)));
  const aki = seq([asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, false, keyIdentifier(spec.issuer.cert))]);
  const crlNumber = asn1.create(U, T.INTEGER, false, asn1.integerToDer(spec.number).getBytes());
  tbsItems.push(asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [seq([extension(OID.crlNumber, crlNumber), extension(OID.authorityKeyIdentifier, aki)])]));
  const tbs = seq(tbsItems);

  const md = forge.md.sha256.create();
  md.update(asn1.toDer(tbs).getBytes());
  const signature = spec.issuer.key.sign(md);
  const crl = seq([tbs, sha256WithRsa(), asn1.create(U, T.BITSTRING, false, `\0${signature}`)]);
  return forge.pem.encode({ type: 'X509 CRL', body: asn1.toDer(crl).getBytes() }, { maxline: 64 });
}

export interface CrlSummary {
  thisUpdate: Date;
  nextUpdate: Date | null;
  serials: string[];
}

function readTime(node: forge.asn1.Asn1 | undefined): Date | null {
  if (!node || typeof node.value !== 'string') return null;
  if (node.type === T.UTCTIME) return asn1.utcTimeToDate(node.value);
  if (node.type === T.GENERALIZEDTIME) return asn1.generalizedTimeToDate(node.value);
  return null;
}

/** Reads back what decides whether a stored CRL is current: its dates and revoked serials. */
export function readCrlSummary(pem: string): CrlSummary {
  try {
    const msg = forge.pem.decode(pem)[0];
    if (!msg || msg.type !== 'X509 CRL') throw new Error('no X509 CRL block');
    const list = asn1.fromDer(msg.body);
    const tbs = ((list.value as forge.asn1.Asn1[])[0]?.value ?? []) as forge.asn1.Asn1[];
    const offset = tbs[0]?.type === T.INTEGER ? 1 : 0;
    const thisUpdate = readTime(tbs[2 + offset]);
    if (!thisUpdate) throw new Error('no thisUpdate');
    const next = tbs[3 + offset];
    const nextUpdate = readTime(next);
    const revokedAt = nextUpdate ? 4 + offset : 3 + offset;
    const revoked = tbs[revokedAt];
    const serials =
      revoked && revoked.tagClass === U && revoked.type === T.SEQUENCE
        ? (revoked.value as forge.asn1.Asn1[]).map((e) => forge.util.bytesToHex(String((e.value as forge.asn1.Asn1[])[0]?.value ?? '')).replace(/^(00)+(?=[0-9a-f])/, ''))
        : [];
    return { thisUpdate, nextUpdate, serials };
  } catch (err) {
    throw new PkiError('corrupt-pki', `not a readable CRL: ${(err as Error).message}`);
  }
}
