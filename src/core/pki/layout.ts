import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PkiError } from './errors';

/**
 * Where everything lives in a PKI directory. The root key and every intermediate key are
 * stored encrypted with the CA passphrase; the directory itself stays on the offline CA
 * machine. Its public part (root.crt, ca/*.crt, crl/*.crl) has the shape of a trust folder.
 */
export interface PkiLayout {
  dir: string;
  rootCert: string;
  rootKey: string;
  /** The CA passphrase (0600), unless the operator keeps it elsewhere. */
  caPassphrase: string;
  /** Where PKIs made before identities had their own passphrase kept the single one. */
  legacyPassphrase: string;
  caDir: string;
  crlDir: string;
  rootCrl: string;
  index: string;
  /** A copy of every issued certificate, named by serial (for revocation by serial and audit). */
  certsDir: string;
  crlNumbers: string;
}

export function layoutOf(dir: string): PkiLayout {
  return {
    dir,
    rootCert: join(dir, 'root.crt'),
    rootKey: join(dir, 'root.key'),
    caPassphrase: join(dir, 'ca-passphrase'),
    legacyPassphrase: join(dir, 'passphrase'),
    caDir: join(dir, 'ca'),
    crlDir: join(dir, 'crl'),
    rootCrl: join(dir, 'crl', 'root.crl'),
    index: join(dir, 'issued.json'),
    certsDir: join(dir, 'issued'),
    crlNumbers: join(dir, 'crl-numbers.json'),
  };
}

export const intermediateCertPath = (l: PkiLayout, region: string): string => join(l.caDir, `${region}.crt`);
export const intermediateKeyPath = (l: PkiLayout, region: string): string => join(l.caDir, `${region}.key`);
export const regionCrlPath = (l: PkiLayout, region: string): string => join(l.crlDir, `${region}.crl`);

/** The layout of an existing PKI, or a clear error when `dir` is not one. */
export function existingLayout(dir: string): PkiLayout {
  const layout = layoutOf(dir);
  if (!existsSync(dir)) throw new PkiError('missing-pki', `${dir}: PKI directory not found (create one with inrs pki init --dir ${dir})`);
  if (!existsSync(layout.rootCert) || !existsSync(layout.rootKey)) {
    throw new PkiError('missing-pki', `${dir}: not a PKI directory (no root.crt/root.key; create one with inrs pki init)`);
  }
  return layout;
}
