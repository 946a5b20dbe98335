import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCrlSummary } from './crl-asn1';
import { PkiError } from './errors';
import { layoutOf } from './layout';

/** A CRL this close to its nextUpdate is replaced on export, and warned about by a server. */
export const FRESH_MARGIN_MS = 24 * 3600 * 1000;

export interface TrustStore {
  /** The national root: the only trust anchor. */
  ca: string[];
  /** The root's CRL and every region's CRL (Node's TLS checks revocation at every chain level). */
  crl: string[];
  /** What will make peers fail: a CRL lapsed or about to, a region without CRL. One line each. */
  problems: string[];
}

/**
 * A trust folder, as `inrs pki export-trust` writes it and a server or workstation holds it:
 * public material only, laid out as the public part of a PKI directory.
 */
export interface TrustFolder {
  dir: string;
  rootCert: string;
  /** Intermediate certificates, `ca/<region>.crt`. */
  caDir: string;
  /** `crl/root.crl` and `crl/<region>.crl`. */
  crlDir: string;
}

export function trustFolderOf(dir: string): TrustFolder {
  const layout = layoutOf(dir);
  return { dir, rootCert: layout.rootCert, caDir: layout.caDir, crlDir: layout.crlDir };
}

export const listFiles = (dir: string, pattern: RegExp): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => pattern.test(f)).sort() : []);

/** The CA private material a folder holds (root key, intermediate keys, CA passphrase files). */
export function caMaterialIn(dir: string): string[] {
  const layout = layoutOf(dir);
  const named = [layout.rootKey, layout.caPassphrase, layout.legacyPassphrase].filter((f) => existsSync(f));
  return [...named, ...listFiles(layout.caDir, /\.key$/).map((f) => join(layout.caDir, f))];
}

/**
 * Trust material for a TLS context, read from a trust folder: the root and every CRL in it.
 * Nothing is signed here (a server holds no CA key), so a CRL near its end is reported in
 * `problems` for the operator to replace with a fresh export from the CA machine.
 */
export function trustStore(dir: string, now = new Date()): TrustStore {
  const folder = trustFolderOf(dir);
  if (!existsSync(folder.rootCert)) {
    throw new PkiError('missing-file', `${dir}: no root.crt: not a trust folder (make one on the CA machine with inrs pki export-trust)`);
  }
  const material = caMaterialIn(dir);
  if (material.length > 0) {
    throw new PkiError('ca-material', `${dir} holds CA private material (${material.join(', ')}): a server or workstation reads a trust folder made by inrs pki export-trust, never the CA's folder`);
  }
  const problems: string[] = [];
  const crl: string[] = [];
  const covered = new Set<string>();
  for (const name of listFiles(folder.crlDir, /\.crl$/)) {
    const file = join(folder.crlDir, name);
    const pem = readFileSync(file, 'utf8');
    let nextUpdate: Date | null;
    try {
      nextUpdate = readCrlSummary(pem).nextUpdate;
    } catch (err) {
      problems.push(`${file}: ${(err as Error).message}; left out`);
      continue;
    }
    crl.push(pem);
    covered.add(name.replace(/\.crl$/, ''));
    if (nextUpdate && nextUpdate.getTime() <= now.getTime()) {
      problems.push(`${file}: expired at ${nextUpdate.toISOString()}; peers it covers are refused until a fresh trust bundle is exported (inrs pki export-trust) and copied here`);
    } else if (nextUpdate && nextUpdate.getTime() - now.getTime() < FRESH_MARGIN_MS) {
      problems.push(`${file}: expires at ${nextUpdate.toISOString()}; export a fresh trust bundle (inrs pki export-trust) and copy it here before then`);
    }
  }
  for (const region of ['root', ...listFiles(folder.caDir, /^\d{6}\.crt$/).map((f) => f.slice(0, 6))]) {
    if (!covered.has(region)) problems.push(`${join(folder.crlDir, `${region}.crl`)}: missing; peers under ${region === 'root' ? 'the root' : `region ${region}`} are refused (UNABLE_TO_GET_CRL)`);
  }
  return { ca: [readFileSync(folder.rootCert, 'utf8')], crl, problems };
}
