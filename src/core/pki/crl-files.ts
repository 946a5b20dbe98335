import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PkiError } from './errors';
import { checkCrlPem } from './revocation-list';

export interface CrlFile {
  file: string;
  pem: string;
}

/**
 * CRLs named on a command line: each path a CRL file (PEM), or a folder whose *.crl files are all
 * taken (such as a PKI's crl/ folder: the root's CRL and every region's). A path that does not
 * exist, a folder without CRLs, or a file that is not a readable CRL is refused by name.
 */
export function readCrlFiles(paths: readonly string[]): CrlFile[] {
  const files: string[] = [];
  for (const path of paths) {
    if (!existsSync(path)) throw new PkiError('missing-file', `CRL ${path}: not found`);
    if (statSync(path).isDirectory()) {
      const found = readdirSync(path)
        .filter((f) => f.endsWith('.crl'))
        .sort()
        .map((f) => join(path, f));
      if (found.length === 0) throw new PkiError('missing-file', `CRL folder ${path}: holds no .crl file`);
      files.push(...found);
    } else {
      files.push(path);
    }
  }
  return files.map((file) => {
    const pem = readFileSync(file, 'utf8');
    try {
      checkCrlPem(pem);
    } catch (err) {
      throw new PkiError('corrupt-pki', `CRL ${file}: not a readable X.509 CRL (${(err as Error).message.replace(/^not a readable CRL: /, '')})`);
    }
    return { file, pem };
  });
}
