import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIdentity, PkiError } from '../../src/core/pki';
import { forge } from '../../src/core/pki/forge';
import { p12MacVerifies } from '../../src/core/pki/p12-mac';
import { makePki, openssl, useSharedDir } from './fixtures';

/*
 * A wrong passphrase is told from a damaged file by the PFX's own integrity MAC, for the
 * project's .p12 (SHA-1 MAC) and for one re-packed by OpenSSL 3 (SHA-256 MAC by default).
 */
const shared = useSharedDir();
let ours: string;
let packed: string;

const pfxOf = (file: string) => forge.asn1.fromDer(readFileSync(file).toString('binary'));
const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    if (err instanceof PkiError) return err.code;
    throw err;
  }
  return 'none';
};

beforeAll(() => {
  const pki = makePki(shared());
  ours = pki.issue('mac.p12', { kind: 'client', region: '430000', role: 'duty-officer', name: 'mac' });
  const passphrase = readFileSync(ours.replace(/\.p12$/, '.passphrase'), 'utf8').trim();
  const pem = join(shared(), 'mac.pem');
  expect(openssl(['pkcs12', '-in', ours, '-nodes', '-passin', `pass:${passphrase}`, '-out', pem]).status).toBe(0);
  packed = join(shared(), 'openssl.p12');
  expect(openssl(['pkcs12', '-export', '-in', pem, '-out', packed, '-passout', 'pass:right one', '-macalg', 'sha256']).status).toBe(0);
}, 120_000);

describe('the .p12 integrity MAC', () => {
  it('verifies with the right passphrase and not with a wrong one, for both MAC digests', () => {
    const passphrase = readFileSync(ours.replace(/\.p12$/, '.passphrase'), 'utf8').trim();
    expect(p12MacVerifies(pfxOf(ours), passphrase)).toBe(true);
    expect(p12MacVerifies(pfxOf(ours), `${passphrase}x`)).toBe(false);
    expect(p12MacVerifies(pfxOf(packed), 'right one')).toBe(true);
    expect(p12MacVerifies(pfxOf(packed), 'wrong one')).toBe(false);
    expect(codeOf(() => loadIdentity(packed, 'wrong one'))).toBe('wrong-passphrase');
    expect(loadIdentity(packed, 'right one').info.name).toBe('mac');
  });

  it('a file cut short is bad-p12, not a wrong passphrase', () => {
    const bytes = readFileSync(packed);
    const cut = join(shared(), 'cut.p12');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 40));
    expect(codeOf(() => loadIdentity(cut, 'right one'))).toBe('bad-p12');
  });
});
