import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { BriefingError } from '../errors';
import type { Encryption } from './manifest';

/** scrypt at N = 2^15, r = 8, p = 1: about 0.1 s and 32 MiB per attempt, against guessing. */
const COST = { logN: 15, r: 8, p: 1 } as const;

function deriveKey(passphrase: string, salt: Buffer, cost: { logN: number; r: number; p: number }): Buffer {
  const N = 2 ** cost.logN;
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r + 1024 * 1024 });
}

export function encrypt(plain: Buffer, passphrase: string): { ciphertext: Buffer; encryption: Encryption } {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(passphrase, salt, COST), iv);
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    ciphertext,
    encryption: { cipher: 'aes-256-gcm', kdf: 'scrypt', salt: salt.toString('base64'), ...COST, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') },
  };
}

/**
 * Decrypts a payload whose bytes the signature already vouched for: an authentication
 * failure here can only be a wrong passphrase.
 */
export function decrypt(ciphertext: Buffer, encryption: Encryption, passphrase: string, file: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(passphrase, Buffer.from(encryption.salt, 'base64'), encryption), Buffer.from(encryption.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(encryption.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new BriefingError('wrong-passphrase', `${file}: wrong passphrase: the package's contents do not decrypt with it`);
  }
}
