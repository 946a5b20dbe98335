import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { PkiError } from './errors';
import { layoutOf } from './layout';
import { writeNewFile } from './files';

/** A random passphrase: 32 bytes as base64url, so it survives shells, files and `-passin file:`. */
export function newPassphrase(): string {
  return randomBytes(32).toString('base64url');
}

export function createPassphraseFile(file: string): string {
  const passphrase = newPassphrase();
  writeNewFile(file, `${passphrase}\n`, 0o600);
  return passphrase;
}

/**
 * The passphrase of the PKI in `dir` (or in `file`), refusing a file that others can read:
 * it unlocks every CA key and every issued .p12.
 */
export function readPassphrase(dir: string, file?: string): string {
  const path = file ?? layoutOf(dir).passphrase;
  if (!existsSync(path)) throw new PkiError('missing-passphrase', `${path}: passphrase file not found`);
  const mode = statSync(path).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new PkiError('passphrase-file-mode', `${path}: passphrase file mode is ${mode.toString(8).padStart(4, '0')}; it must be 0600 (chmod 600)`);
  }
  // Only the line ending is dropped: OpenSSL's `-passin file:` reads the first line the same way.
  const passphrase = readFileSync(path, 'utf8').split(/\r?\n/)[0] ?? '';
  if (passphrase === '') throw new PkiError('bad-passphrase-file', `${path}: passphrase file is empty`);
  return passphrase;
}
