import { existsSync, mkdirSync } from 'node:fs';
import { createRoot } from './ca';
import { certToPem } from './cert-build';
import { regenerateRootCrl } from './crl';
import { PkiError } from './errors';
import { writeNewFile } from './files';
import { writeIndex } from './issued-index';
import { encryptKey } from './keys';
import { layoutOf } from './layout';
import { createPassphraseFile, readCaPassphrase } from './passphrase';

export interface InitResult {
  dir: string;
  rootCert: string;
  caPassphraseFile: string;
  rootPem: string;
}

/**
 * A new PKI in `dir`: the national root (key encrypted with the CA passphrase), a random CA
 * passphrase in `dir/ca-passphrase` (0600) unless `caPassphraseFile` names an existing one,
 * an empty index and the root's CRL. Refuses a directory that already holds a PKI.
 */
export function initPki(dir: string, options: { caPassphraseFile?: string } = {}): InitResult {
  const layout = layoutOf(dir);
  for (const file of [layout.rootCert, layout.rootKey, layout.index]) {
    if (existsSync(file)) throw new PkiError('exists', `${dir} already holds a PKI (${file} exists); refusing to overwrite it`);
  }
  if (options.caPassphraseFile === undefined && existsSync(layout.caPassphrase)) {
    throw new PkiError('exists', `${layout.caPassphrase} already exists; refusing to overwrite it`);
  }
  const caPassphraseFile = options.caPassphraseFile ?? layout.caPassphrase;
  const given = options.caPassphraseFile === undefined ? null : readCaPassphrase(dir, options.caPassphraseFile);

  mkdirSync(dir, { recursive: true, mode: 0o700 });
  mkdirSync(layout.caDir, { recursive: true, mode: 0o700 });
  mkdirSync(layout.crlDir, { recursive: true });
  const root = createRoot();
  const secret = given ?? createPassphraseFile(caPassphraseFile);
  writeNewFile(layout.rootKey, encryptKey(root.key, secret), 0o600);
  const rootPem = certToPem(root.cert);
  writeNewFile(layout.rootCert, rootPem, 0o644);
  writeIndex(layout, { version: 1, certificates: [] });
  regenerateRootCrl(layout, secret);
  return { dir, rootCert: layout.rootCert, caPassphraseFile, rootPem };
}
