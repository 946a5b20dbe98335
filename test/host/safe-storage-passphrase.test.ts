import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { certInfo } from '../../src/core/pki';
import { wrappedPassphrasePath, wrappedPassphraseReader } from '../../src/main/electron/safe-storage-passphrase';
import { syncFromConfig } from '../../src/main/host/configured-sync';
import { makePki } from '../pki/fixtures';
import { useTempDir } from '../helpers/temp-dir';

/*
 * The Electron binary cannot run on this build machine: safeStorage is a stand-in with its
 * shape that really encrypts (AES-256-GCM under a key only it holds, as the OS keystore would).
 */
function standInKeystore(backend = 'gnome_libsecret', available = true) {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(text: string): Buffer {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(data: Buffer): string {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

const tempDir = useTempDir();

describe('identity passphrase wrapped by the OS keystore (stand-in safeStorage)', () => {
  it('wraps the carried-in passphrase file for this host, removes the plain copy, and opens the identity from the wrapped one', () => {
    const dir = tempDir();
    const pki = makePki(dir);
    const p12 = pki.issue('officer.p12', { kind: 'client', region: '430000', role: 'duty-officer', name: 'officer' });
    const plain = join(dir, 'officer.passphrase');
    const passphrase = readFileSync(plain, 'utf8').trim();
    const trust = pki.exportTrust();
    const config = join(dir, 'sync.json');
    writeFileSync(config, JSON.stringify({ replica: 'r.db', keyFile: 'r.key', identity: 'officer.p12', rootCert: join(trust, 'root.crt'), regions: { '430000': { urls: ['wss://127.0.0.1:1'] } } }));
    const keystore = standInKeystore();
    const lines: string[] = [];

    const first = syncFromConfig(config, wrappedPassphraseReader(keystore, false, (l) => lines.push(l)));
    expect(certInfo(first.identity.chainPem[0] as string).subject).toBe('CN=officer,OU=duty-officer,O=430000');
    expect(existsSync(plain)).toBe(false);
    const wrapped = wrappedPassphrasePath(plain);
    expect(statSync(wrapped).mode & 0o777).toBe(0o600);
    expect(readFileSync(wrapped).toString('latin1').includes(passphrase)).toBe(false);
    expect(lines.join('\n')).toMatch(/wrapped the passphrase of .*officer\.p12 with the OS keystore/);

    // Later starts read the wrapped copy only.
    expect(syncFromConfig(config, wrappedPassphraseReader(keystore, false)).identity.chainPem).toEqual(first.identity.chainPem);
    // Another user's (or machine's) keystore cannot unwrap it: said so, naming the file.
    expect(() => syncFromConfig(config, wrappedPassphraseReader(standInKeystore(), false))).toThrow(/officer\.passphrase\.safe: the OS keystore cannot unwrap the passphrase of .*officer\.p12/);
    expect(p12.endsWith('officer.p12')).toBe(true);
  });

  it('refuses a keystore that protects nothing, before reading the plain file', () => {
    const dir = tempDir();
    const file = join(dir, 'x.passphrase');
    writeFileSync(file, 'secret\n', { mode: 0o600 });
    expect(() => wrappedPassphraseReader(standInKeystore('gnome_libsecret', false), false)(file, 'passphrase of x.p12')).toThrow(/x\.passphrase: cannot protect the passphrase of x\.p12: no OS keystore/);
    if (process.platform === 'linux') {
      expect(() => wrappedPassphraseReader(standInKeystore('basic_text'), false)(file, 'passphrase of x.p12')).toThrow(/basic_text.*--allow-insecure-keystore/);
      expect(wrappedPassphraseReader(standInKeystore('basic_text'), true)(file, 'passphrase of x.p12')).toBe('secret');
    }
  });
});
