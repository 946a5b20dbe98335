import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { buildCertificate, certToPem, type SubjectFields } from './cert-build';
import { PkiError } from './errors';
import { writeNewFile } from './files';
import { forge, type ForgeCert, type ForgeKey } from './forge';
import { CA_KEY_BITS, encryptKey, generateKey, readEncryptedKey } from './keys';
import { intermediateCertPath, intermediateKeyPath, type PkiLayout } from './layout';
import { randomSerial } from './serial';

export interface CertAndKey {
  cert: ForgeCert;
  key: ForgeKey;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;
/** Issued certificates start a little in the past so a peer's clock skew does not reject them. */
export const BACKDATE_MS = 5 * 60 * 1000;
const ROOT_YEARS = 20;
const INTERMEDIATE_YEARS = 10;

export const ROOT_SUBJECT: SubjectFields = { cn: 'INRS National Root CA', ou: 'root-ca', o: 'INRS' };
export const intermediateSubject = (region: string): SubjectFields => ({ cn: `INRS Region ${region} CA`, ou: 'regional-ca', o: region });

export function readCertFile(file: string): ForgeCert {
  if (!existsSync(file)) throw new PkiError('corrupt-pki', `${file}: certificate not found`);
  return forge.pki.certificateFromPem(readFileSync(file, 'utf8'));
}

export function createRoot(now = new Date()): CertAndKey {
  const key = generateKey(CA_KEY_BITS);
  const cert = buildCertificate({
    serial: randomSerial(),
    subject: ROOT_SUBJECT,
    key,
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter: new Date(now.getTime() + ROOT_YEARS * YEAR_MS),
    issuer: null,
    ca: { pathLen: null },
  });
  return { cert, key };
}

export function loadRoot(layout: PkiLayout, passphrase: string): CertAndKey {
  return { cert: readCertFile(layout.rootCert), key: readEncryptedKey(layout.rootKey, passphrase) };
}

export function hasIntermediate(layout: PkiLayout, region: string): boolean {
  return existsSync(intermediateCertPath(layout, region));
}

export function loadIntermediate(layout: PkiLayout, region: string, passphrase: string): CertAndKey {
  if (!hasIntermediate(layout, region)) throw new PkiError('unknown-region', `no intermediate CA for region ${region} in ${layout.dir} yet (issue a certificate for the region first)`);
  return { cert: readCertFile(intermediateCertPath(layout, region)), key: readEncryptedKey(intermediateKeyPath(layout, region), passphrase) };
}

/** The region's intermediate CA (pathLen 0: it issues only end-entity certificates), created on first use. */
export function ensureIntermediate(layout: PkiLayout, region: string, passphrase: string, now = new Date()): { ca: CertAndKey; created: boolean } {
  if (hasIntermediate(layout, region)) return { ca: loadIntermediate(layout, region, passphrase), created: false };
  const root = loadRoot(layout, passphrase);
  const key = generateKey(CA_KEY_BITS);
  const notAfter = new Date(Math.min(now.getTime() + INTERMEDIATE_YEARS * YEAR_MS, root.cert.validity.notAfter.getTime()));
  const cert = buildCertificate({
    serial: randomSerial(),
    subject: intermediateSubject(region),
    key,
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter,
    issuer: root,
    ca: { pathLen: 0 },
  });
  mkdirSync(layout.caDir, { recursive: true, mode: 0o700 });
  // Key first: a certificate without its key would look like a usable CA.
  writeNewFile(intermediateKeyPath(layout, region), encryptKey(key, passphrase), 0o600);
  writeNewFile(intermediateCertPath(layout, region), certToPem(cert), 0o644);
  return { ca: { cert, key }, created: true };
}
