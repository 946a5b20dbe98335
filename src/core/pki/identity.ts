import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PkiError } from './errors';
import { loadIdentity, type Identity } from './p12';
import { identityPassphrasePath, readPassphraseFile } from './passphrase';

/** Reads a passphrase file: the plain 0600 file, or a host's own unwrapping (safeStorage). */
export type PassphraseReader = (file: string, what: string) => string;

/**
 * The identity a server or workstation runs with: its .p12 opened with its own passphrase
 * file (by default the one beside it). A passphrase file lying in a CA folder (beside
 * root.key) is refused: a host never holds CA material, even when the .p12 would open with it.
 */
export function loadIdentityFile(p12File: string, passphraseFile = identityPassphrasePath(p12File), read: PassphraseReader = readPassphraseFile): Identity {
  if (!existsSync(p12File)) throw new PkiError('missing-file', `${p12File}: identity file not found`);
  if (existsSync(join(dirname(passphraseFile), 'root.key'))) {
    throw new PkiError(
      'ca-material',
      `${passphraseFile} lies in a CA folder (beside root.key): a server or workstation opens ${p12File} with its own passphrase (inrs pki rotate-passphrase --identity ${p12File} gives it one)`,
    );
  }
  const passphrase = read(passphraseFile, `passphrase of ${p12File}`);
  try {
    return loadIdentity(p12File, passphrase);
  } catch (err) {
    if (err instanceof PkiError && err.code === 'wrong-passphrase') {
      throw new PkiError('wrong-passphrase', `${p12File}: wrong passphrase in ${passphraseFile} (the .p12's integrity check failed; an old passphrase, if it was rotated)`);
    }
    throw err;
  }
}
