import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { PkiError } from './errors';
import { writeNewFile } from './files';
import { layoutOf } from './layout';

/** A random passphrase: 32 bytes as base64url, so it survives shells, files and `-passin file:`. */
export function newPassphrase(): string {
  return randomBytes(32).toString('base64url');
}

export function createPassphraseFile(file: string, passphrase = newPassphrase()): string {
  writeNewFile(file, `${passphrase}\n`, 0o600);
  return passphrase;
}

/**
 * The first line of a passphrase file, refusing one that others can read. `what` names the
 * secret in the error ("CA passphrase", "passphrase of hunan-1.p12").
 */
export function readPassphraseFile(path: string, what = 'passphrase'): string {
  if (!existsSync(path)) throw new PkiError('missing-passphrase', `${path}: ${what} file not found`);
  const mode = statSync(path).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new PkiError('passphrase-file-mode', `${path}: ${what} file mode is ${mode.toString(8).padStart(4, '0')}; it must be 0600 (chmod 600)`);
  }
  // Only the line ending is dropped: OpenSSL's `-passin file:` reads the first line the same way.
  const passphrase = readFileSync(path, 'utf8').split(/\r?\n/)[0] ?? '';
  if (passphrase === '') throw new PkiError('bad-passphrase-file', `${path}: ${what} file is empty`);
  return passphrase;
}

/**
 * Where the CA passphrase of the PKI in `dir` is read from: `file` when given, else
 * `dir/ca-passphrase`, else `dir/passphrase` (PKIs made before identities had their own).
 */
export function caPassphrasePath(dir: string, file?: string): string {
  if (file !== undefined) return file;
  const layout = layoutOf(dir);
  return !existsSync(layout.caPassphrase) && existsSync(layout.legacyPassphrase) ? layout.legacyPassphrase : layout.caPassphrase;
}

/** The CA passphrase: it unlocks the root key and every intermediate key, nothing else. */
export function readCaPassphrase(dir: string, file?: string): string {
  return readPassphraseFile(caPassphrasePath(dir, file), 'CA passphrase');
}

/** An issued identity's own passphrase file: `hunan-1.p12` → `hunan-1.passphrase`, beside it. */
export function identityPassphrasePath(p12File: string): string {
  return `${p12File.replace(/\.(p12|pfx)$/i, '')}.passphrase`;
}

/** How a CA operation gets the CA passphrase: given, from a file, or from the PKI's own file. */
export interface CaUnlock {
  caPassphrase?: string;
  caPassphraseFile?: string;
}

export function unlockCa(dir: string, options: CaUnlock): string {
  return options.caPassphrase ?? readCaPassphrase(dir, options.caPassphraseFile);
}
