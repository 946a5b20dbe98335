import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PkiError } from './errors';
import { writeFileAtomic, writeNewFile } from './files';
import { forge } from './forge';
import { encryptKey, readEncryptedKey } from './keys';
import { existingLayout } from './layout';
import { buildP12, friendlyNameOf, loadIdentity } from './p12';
import { caPassphrasePath, identityPassphrasePath, newPassphrase, readPassphraseFile } from './passphrase';
import { listFiles } from './trust';

export interface RotateResult {
  /** Where the new passphrase is now. */
  passphraseFile: string;
  /** true: generated here; false: read from the operator's `newPassphraseFile`. */
  generated: boolean;
  /** The files re-encrypted under the new passphrase. */
  rewritten: string[];
  /** An old passphrase file removed from the PKI directory (its secret opens nothing now). */
  removed: string | null;
}

/**
 * The new passphrase: read from `given` when that file exists (the operator's choice), else
 * generated and staged in `<target>.new` (0600) before anything is re-encrypted, so an
 * interruption never leaves keys under a passphrase that was not written down.
 */
function stageNew(target: string, given: string | undefined, old: string, what: string): { passphrase: string; staged: string | null } {
  if (given !== undefined && existsSync(given)) {
    const passphrase = readPassphraseFile(given, `new ${what}`);
    if (passphrase === old) throw new PkiError('same-passphrase', `${given}: the new ${what} is the old one; choose another`);
    return { passphrase, staged: null };
  }
  if (!existsSync(dirname(resolve(target)))) throw new PkiError('missing-file', `${dirname(resolve(target))}: directory not found`);
  const staged = `${target}.new`;
  if (existsSync(staged)) throw new PkiError('exists', `${staged} exists: an earlier rotation was interrupted; keep whichever passphrase opens the files and remove ${staged}`);
  const passphrase = newPassphrase();
  writeNewFile(staged, `${passphrase}\n`, 0o600);
  return { passphrase, staged };
}

/**
 * Re-encrypts the root key and every intermediate key under a new CA passphrase. The old one
 * must open every key first; afterwards it opens nothing ("wrong CA passphrase").
 */
export function rotateCaPassphrase(dir: string, options: { caPassphraseFile?: string; newPassphraseFile?: string } = {}): RotateResult {
  const layout = existingLayout(dir);
  const oldFile = caPassphrasePath(dir, options.caPassphraseFile);
  const old = readPassphraseFile(oldFile, 'CA passphrase');
  const keyFiles = [layout.rootKey, ...listFiles(layout.caDir, /\.key$/).map((f) => join(layout.caDir, f))];
  const keys = keyFiles.map((file) => ({ file, key: readEncryptedKey(file, old) }));
  const inDir = (f: string) => resolve(dirname(f)) === resolve(dir);
  const target = options.newPassphraseFile ?? (oldFile === layout.legacyPassphrase ? layout.caPassphrase : oldFile);
  const { passphrase, staged } = stageNew(target, options.newPassphraseFile, old, 'CA passphrase');
  for (const { file, key } of keys) writeFileAtomic(file, encryptKey(key, passphrase), 0o600);
  if (staged) renameSync(staged, target);
  // A stale passphrase file left in the PKI directory would be read by default, and refused.
  const removed = resolve(oldFile) !== resolve(target) && inDir(oldFile) ? oldFile : null;
  if (removed) rmSync(removed);
  return { passphraseFile: target, generated: staged !== null, rewritten: keyFiles, removed };
}

/**
 * Re-encrypts an issued .p12 under a new passphrase of its own. The old passphrase may be a
 * file of the CA folder (a .p12 issued when one passphrase opened everything): the new one
 * then goes beside the .p12.
 */
export function rotateIdentityPassphrase(p12File: string, options: { passphraseFile?: string; newPassphraseFile?: string } = {}): RotateResult {
  const oldFile = options.passphraseFile ?? identityPassphrasePath(p12File);
  const old = readPassphraseFile(oldFile, `passphrase of ${p12File}`);
  let identity;
  try {
    identity = loadIdentity(p12File, old);
  } catch (err) {
    if (err instanceof PkiError && err.code === 'wrong-passphrase') {
      throw new PkiError('wrong-passphrase', `${p12File}: wrong passphrase in ${oldFile} (the .p12's integrity check failed)`);
    }
    throw err;
  }
  const inCaFolder = existsSync(join(dirname(oldFile), 'root.key'));
  const target = options.newPassphraseFile ?? (inCaFolder ? identityPassphrasePath(p12File) : oldFile);
  if (inCaFolder && resolve(dirname(target)) === resolve(dirname(oldFile))) {
    throw new PkiError('ca-material', `${target}: an identity's passphrase does not belong in the CA folder`);
  }
  const { passphrase, staged } = stageNew(target, options.newPassphraseFile, old, `passphrase of ${p12File}`);
  const key = forge.pki.privateKeyFromPem(identity.keyPem);
  const chain = identity.chainPem.map((pem) => forge.pki.certificateFromPem(pem));
  writeFileAtomic(p12File, buildP12(key, chain, passphrase, friendlyNameOf(identity.info)), 0o600);
  if (staged) renameSync(staged, target);
  return { passphraseFile: target, generated: staged !== null, rewritten: [p12File], removed: null };
}
