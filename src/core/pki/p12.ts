import { existsSync, readFileSync } from 'node:fs';
import { certInfo, type CertInfo } from './cert-info';
import { certToPem } from './cert-build';
import { PkiError } from './errors';
import { forge, type ForgeCert, type ForgeKey } from './forge';
import { p12MacVerifies } from './p12-mac';

/** PBKDF2 / PKCS#12 KDF rounds inside a .p12. */
const P12_ROUNDS = 10_000;

export interface Identity {
  keyPem: string;
  certPem: string;
  /** The certificate first, then its intermediate, then the root. */
  chainPem: string[];
  info: CertInfo;
}

/**
 * PKCS#12 with the key in a PBES2/AES-256 shrouded bag and a SHA-1 HMAC: OpenSSL 3 reads it
 * without `-legacy` (forge's 3DES would too; AES is the modern choice).
 */
export function buildP12(key: ForgeKey, chain: ForgeCert[], passphrase: string, friendlyName: string): Buffer {
  const options = { algorithm: 'aes256', count: P12_ROUNDS, friendlyName, prfAlgorithm: 'sha256' } as Parameters<typeof forge.pkcs12.toPkcs12Asn1>[3];
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, chain, passphrase, options);
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** OpenSSL 3.0 prints a BMPString friendly name byte-truncated, so non-ASCII names get a label. */
export function friendlyNameOf(info: Pick<CertInfo, 'name' | 'role' | 'region' | 'serial'>): string {
  return /^[\x20-\x7e]+$/.test(info.name) ? info.name : `${info.role ?? 'identity'}-${info.region ?? ''}-${info.serial.slice(0, 8)}`;
}

function parsePfxAsn1(file: string): forge.asn1.Asn1 {
  if (!existsSync(file)) throw new PkiError('missing-file', `${file}: file not found`);
  try {
    return forge.asn1.fromDer(readFileSync(file).toString('binary'));
  } catch {
    throw new PkiError('bad-p12', `${file}: not a PKCS#12 (.p12) file`);
  }
}

/** Puts `certs` in chain order starting at the one whose key is `key`. */
function orderChain(file: string, key: ForgeKey, certs: ForgeCert[]): ForgeCert[] {
  const leaf = certs.find((c) => (c.publicKey as forge.pki.rsa.PublicKey).n.equals(key.n));
  if (!leaf) throw new PkiError('bad-p12', `${file}: no certificate matches the private key`);
  const chain = [leaf];
  for (let current = leaf; chain.length <= certs.length; ) {
    if (current.isIssuer(current)) break; // self-signed: the root
    const child = current;
    const parent = certs.find((c) => !chain.includes(c) && child.isIssuer(c));
    if (!parent) break;
    chain.push(parent);
    current = parent;
  }
  return chain;
}

/** The key, certificate and chain in a .p12, for a TLS context. */
export function loadIdentity(p12File: string, passphrase: string): Identity {
  const asn1 = parsePfxAsn1(p12File);
  if (p12MacVerifies(asn1, passphrase) === false) {
    throw new PkiError('wrong-passphrase', `${p12File}: wrong passphrase (the .p12's integrity check failed)`);
  }
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(asn1, true, passphrase);
  } catch (err) {
    throw new PkiError('bad-p12', `${p12File}: cannot read the .p12: ${(err as Error).message}`);
  }
  const keyBags = [
    ...(pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag ?? ''] ?? []),
    ...(pfx.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag ?? ''] ?? []),
  ];
  const certBags = pfx.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag ?? ''] ?? [];
  const key = keyBags.find((b) => b.key)?.key as ForgeKey | undefined;
  if (!key) throw new PkiError('bad-p12', `${p12File}: no RSA private key inside`);
  const certs = certBags.flatMap((b) => (b.cert ? [b.cert] : []));
  const chain = orderChain(p12File, key, certs);
  const chainPem = chain.map(certToPem);
  const certPem = chainPem[0] as string;
  return { keyPem: forge.pki.privateKeyToPem(key), certPem, chainPem, info: certInfo(certPem) };
}
