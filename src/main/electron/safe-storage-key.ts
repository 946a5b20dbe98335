import type { SafeStorage } from 'electron';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ReplicaError } from '../../core/replica/errors';
import { KEY_BYTES, newReplicaKey } from '../../core/replica/key-file';

export type KeystoreStandIn = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & { getSelectedStorageBackend?: () => string };

/** Why the OS keystore cannot protect a secret here; null when it can. */
export function keystoreRefusal(safeStorage: KeystoreStandIn, allowInsecure: boolean): string | null {
  if (!safeStorage.isEncryptionAvailable()) return 'no OS keystore is available';
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  if (backend === 'basic_text' && !allowInsecure) {
    return 'the OS keystore is the plaintext fallback (basic_text); start with --allow-insecure-keystore to accept it';
  }
  return null;
}

/**
 * The replica key wrapped by the OS keystore (safeStorage). On Linux without a keyring
 * safeStorage falls back to a hard-coded password ('basic_text'), which protects nothing:
 * refused unless the operator explicitly allows it.
 */
export function loadWrappedKey(safeStorage: KeystoreStandIn, file: string, allowInsecure: boolean): Buffer {
  const refusal = keystoreRefusal(safeStorage, allowInsecure);
  if (refusal) throw new ReplicaError('refused-plaintext-keystore', file, `${refusal} to protect the replica key; or use --key-file`);
  if (existsSync(file)) {
    const hex = safeStorage.decryptString(readFileSync(file));
    const key = Buffer.from(hex, 'hex');
    if (key.length !== KEY_BYTES) throw new ReplicaError('bad-key-file', file, 'wrapped key does not unwrap to 32 bytes');
    return key;
  }
  const key = newReplicaKey();
  writeFileSync(file, safeStorage.encryptString(key.toString('hex')), { mode: 0o600, flag: 'wx' });
  return key;
}
