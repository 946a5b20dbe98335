import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { PkiError } from './errors';
import { forge, type ForgeKey } from './forge';

export const CA_KEY_BITS = 3072;
export const LEAF_KEY_BITS = 2048;
/** PBKDF2 rounds for stored keys; the default passphrase is random, so this guards chosen ones. */
const KDF_ROUNDS = 10_000;

/** Node's native keygen: forge's pure-JS RSA generation takes seconds per key. */
export function generateKey(bits: number): ForgeKey {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return forge.pki.privateKeyFromPem(privateKey);
}

export function publicKeyOf(key: ForgeKey): forge.pki.rsa.PublicKey {
  return forge.pki.setRsaPublicKey(key.n, key.e);
}

/** PKCS#8 `ENCRYPTED PRIVATE KEY` (PBES2, PBKDF2-SHA256, AES-256-CBC); OpenSSL and Node read it. */
export function encryptKey(key: ForgeKey, passphrase: string): string {
  return forge.pki.encryptRsaPrivateKey(key, passphrase, { algorithm: 'aes256', prfAlgorithm: 'sha256', count: KDF_ROUNDS });
}

/** Decrypts a stored key; Node's native PBKDF2 makes this fast. */
export function readEncryptedKey(file: string, passphrase: string): ForgeKey {
  if (!existsSync(file)) throw new PkiError('corrupt-pki', `${file}: key file not found`);
  let pem: string;
  try {
    pem = createPrivateKey({ key: readFileSync(file, 'utf8'), format: 'pem', passphrase })
      .export({ type: 'pkcs1', format: 'pem' })
      .toString();
  } catch {
    throw new PkiError('wrong-passphrase', `${file}: cannot decrypt the key: wrong CA passphrase (an old one, if it was rotated; or not an encrypted RSA key)`);
  }
  return forge.pki.privateKeyFromPem(pem);
}

export function keyToPem(key: ForgeKey): string {
  return forge.pki.privateKeyToPem(key);
}
