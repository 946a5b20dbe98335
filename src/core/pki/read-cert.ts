import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { PkiError } from './errors';
import { forge } from './forge';
import { loadIdentity } from './p12';

const { asn1 } = forge;
const CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const DATA = '1.2.840.113549.1.7.1';

const children = (node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] => (Array.isArray(node?.value) ? node.value : []);
const oidOf = (node: forge.asn1.Asn1 | undefined): string => (node && typeof node.value === 'string' ? asn1.derToOid(node.value) : '');

function octets(node: forge.asn1.Asn1 | undefined): string {
  if (!node) return '';
  if (typeof node.value === 'string') return node.value;
  return children(node).map(octets).join(''); // BER chunked OCTET STRING
}

/**
 * The certificates in a .p12's plain (unencrypted) bags, without its passphrase and so
 * without checking its MAC: for display only, never for trust decisions.
 */
export function certificatesInP12Unverified(der: Buffer): string[] {
  const pfx = asn1.fromDer(der.toString('binary'));
  const authSafe = children(pfx)[1];
  const contentInfos = children(asn1.fromDer(octets(children(children(authSafe)[1])[0])));
  const pems: string[] = [];
  for (const info of contentInfos) {
    if (oidOf(children(info)[0]) !== DATA) continue; // encrypted bags need the passphrase
    const bags = children(asn1.fromDer(octets(children(children(info)[1])[0])));
    for (const bag of bags) {
      if (oidOf(children(bag)[0]) !== CERT_BAG) continue;
      const certBag = children(children(bag)[1])[0];
      const body = octets(children(children(certBag)[1])[0]);
      pems.push(forge.pem.encode({ type: 'CERTIFICATE', body }, { maxline: 64 }));
    }
  }
  return pems;
}

/** The end-entity certificate among `pems`: the one that issued none of the others. */
function leafOf(pems: string[]): string | undefined {
  const certs = pems.map((p) => new X509Certificate(p));
  const index = certs.findIndex((c) => !certs.some((other) => other !== c && other.checkIssued(c)));
  return pems[index];
}

/**
 * The certificate in `file`: a .p12 (verified when a passphrase is given), a PEM or a DER
 * certificate. `verified` is false for a .p12 read without its passphrase.
 */
export function readCertificateFile(file: string, passphrase?: string): { certPem: string; verified: boolean } {
  if (!existsSync(file)) throw new PkiError('missing-file', `${file}: file not found`);
  const data = readFileSync(file);
  const text = data.toString('latin1');
  const pemBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text);
  if (pemBlock) return { certPem: `${pemBlock[0]}\n`, verified: true };
  try {
    return { certPem: new X509Certificate(data).toString(), verified: true };
  } catch {
    // not a DER certificate: try PKCS#12 below
  }
  if (passphrase !== undefined) return { certPem: loadIdentity(file, passphrase).certPem, verified: true };
  let leaf: string | undefined;
  try {
    leaf = leafOf(certificatesInP12Unverified(data));
  } catch {
    leaf = undefined;
  }
  if (!leaf) throw new PkiError('bad-certificate', `${file}: neither a certificate (PEM or DER) nor a .p12 with a readable certificate`);
  return { certPem: leaf, verified: false };
}
