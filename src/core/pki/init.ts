import { existsSync, mkdirSync } from 'node:fs';
import { createRoot } from './ca';
import { certToPem } from './cert-build';
import { regenerateRootCrl } from './crl';
import { PkiError } from './errors';
import { writeNewFile } from './files';
import { writeIndex } from './issued-index';
import { encryptKey } from './keys';
import { layoutOf } from './layout';
import { createPassphraseFile, readPassphrase } from './passphrase';

export interface InitResult {
  dir: string;
  rootCert: string;
  passphraseFile: string;
  rootPem: string;
}

/**
 * A new PKI in `dir`: the national root (key encrypted with the passphrase), a random
 * passphrase in `dir/passphrase` (0600) unless `passphraseFile` names one, an empty index and
 * the root's CRL. Refuses a directory that already holds a PKI.
 */
export function initPki(dir: string, options: { passphraseFile?: string } = {}): InitResult {
  const layout = layoutOf(dir);
  for (const file of [layout.rootCert, layout.rootKey, layout.index]) {
    if (existsSync(file)) throw new PkiError('exists', `${dir} already holds a PKI (${file} exists); refusing to overwrite it`);
  }
  if (options.passphraseFile === undefined && existsSync(layout.passphrase)) {
    throw new PkiError('exists', `${layout.passphrase} already exists; refusing to overwrite it`);
  }
  const passphraseFile = options.passphraseFile ?? layout.passphrase;
  const passphrase = options.passphraseFile === undefined ? null : readPassphrase(dir, options.passphraseFile);

  mkdirSync(dir, { recursive: true, mode: 0o700 });
  mkdirSync(layout.caDir, { recursive: true, mode: 0o700 });
  mkdirSync(layout.crlDir, { recursive: true });
  const root = createRoot();
  const secret = passphrase ?? createPassphraseFile(passphraseFile);
  writeNewFile(layout.rootKey, encryptKey(root.key, secret), 0o600);
  const rootPem = certToPem(root.cert);
  writeNewFile(layout.rootCert, rootPem, 0o644);
  writeIndex(layout, { version: 1, certificates: [] });
  regenerateRootCrl(layout, secret);
  return { dir, rootCert: layout.rootCert, passphraseFile, rootPem };
}
