import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PkiError, readPassphraseFile, type PassphraseReader } from '../../core/pki';
import { keystoreRefusal, type KeystoreStandIn } from './safe-storage-key';

/** Where the wrapped copy of a passphrase file lives: beside it, `.safe` appended. */
export const wrappedPassphrasePath = (file: string): string => `${file}.safe`;

/**
 * Reads an identity's passphrase on an Electron workstation through the OS keystore: the
 * `.safe` copy when there is one; otherwise the plain file the operator carried in is read
 * (0600), wrapped for this host into `.safe` and removed, so afterwards the passphrase rests
 * on disk only in a form this user's keystore opens.
 */
export function wrappedPassphraseReader(safeStorage: KeystoreStandIn, allowInsecure: boolean, log: (line: string) => void = () => undefined): PassphraseReader {
  return (file, what) => {
    const wrapped = wrappedPassphrasePath(file);
    const refusal = keystoreRefusal(safeStorage, allowInsecure);
    if (refusal) throw new PkiError('missing-passphrase', `${file}: cannot protect the ${what}: ${refusal}`);
    if (existsSync(wrapped)) {
      try {
        return safeStorage.decryptString(readFileSync(wrapped));
      } catch (err) {
        throw new PkiError('bad-passphrase-file', `${wrapped}: the OS keystore cannot unwrap the ${what} (${(err as Error).message}); put the plain passphrase file back at ${file}`);
      }
    }
    const passphrase = readPassphraseFile(file, what);
    writeFileSync(wrapped, safeStorage.encryptString(passphrase), { mode: 0o600, flag: 'wx' });
    rmSync(file);
    log(`wrapped the ${what} with the OS keystore into ${wrapped} and removed ${file}`);
    return passphrase;
  };
}
