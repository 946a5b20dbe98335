import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportTrust, revokeCertificate, revokeSerial, trustStore, writeCrl } from '../../src/core/pki';
import { readCrlSummary } from '../../src/core/pki/crl-asn1';
import { makePki, openssl, useSharedDir, type TestPki } from './fixtures';

const shared = useSharedDir();
let pki: TestPki;
let chainFile: string;

beforeAll(() => {
  pki = makePki(shared());
  pki.issue('first.p12', { kind: 'client', region: '320000', role: 'duty-officer', name: 'first' });
  chainFile = join(shared(), 'chain.pem');
  writeFileSync(chainFile, readFileSync(join(pki.dir, 'ca', '320000.crt'), 'utf8') + readFileSync(join(pki.dir, 'root.crt'), 'utf8'));
});

const serialOf = (p12: string) => pki.identity(p12).info.serial;

describe('pki revoke and crl', () => {
  it('revokes a .p12 and regenerates the region CRL, which OpenSSL verifies and reads', () => {
    const p12 = pki.issue('revoked.p12', { kind: 'client', region: '320000', role: 'auditor', name: 'gone' });
    const { record, crl } = revokeCertificate(pki.dir, p12, { reason: 'keyCompromise' });
    expect(record.revoked).toMatchObject({ reason: 'keyCompromise' });
    expect(crl.file).toBe(join(pki.dir, 'crl', '320000.crl'));

    const text = openssl(['crl', '-in', crl.file, '-noout', '-text']).out;
    expect(text).toMatch(/Version 2/);
    expect(text).toMatch(/sha256WithRSAEncryption/);
    expect(text).toMatch(/Issuer: O = 320000, OU = regional-ca, CN = INRS Region 320000 CA/);
    expect(text).toMatch(/X509v3 CRL Number/);
    expect(text).toMatch(/X509v3 Authority Key Identifier/);
    expect(text).toMatch(/Next Update: /);
    expect(text).toContain(`Serial Number: ${serialOf(p12).toUpperCase()}`);
    expect(text).toMatch(/Key Compromise/);
    const verified = openssl(['crl', '-in', crl.file, '-CAfile', chainFile, '-verify', '-noout']);
    expect(verified.out).toMatch(/verify OK/);
  });

  it('makes openssl verify -crl_check refuse the revoked certificate and pass a valid one', () => {
    const dir = shared();
    const revoked = pki.issue('revoked2.p12', { kind: 'client', region: '320000', role: 'wall', name: 'wall-2' });
    revokeCertificate(pki.dir, revoked);
    const crl = join(pki.dir, 'crl', '320000.crl');
    const check = (p12: string) => {
      const leaf = join(dir, 'leaf.pem');
      writeFileSync(leaf, pki.identity(p12).certPem);
      return openssl(['verify', '-crl_check', '-CAfile', chainFile, '-CRLfile', crl, leaf]).out;
    };
    expect(check(revoked)).toMatch(/certificate revoked/);
    expect(check(join(dir, 'first.p12'))).toMatch(/: OK/);
  });

  it('writes the CRL to --out with the requested lifetime and increasing CRL numbers', () => {
    const out = join(shared(), 'published.crl');
    const a = writeCrl(pki.dir, '320000', out, 3);
    expect(a.file).toBe(out);
    expect(Date.parse(a.nextUpdate) - Date.parse(a.thisUpdate)).toBe(3 * 86_400_000);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(pki.dir, 'crl', '320000.crl'), 'utf8'));
    const number = (file: string) => /CRL Number: \s*(\d+)/.exec(openssl(['crl', '-in', file, '-noout', '-text']).out)?.[1];
    const first = Number(number(out));
    writeCrl(pki.dir, '320000', out);
    expect(Number(number(out))).toBe(first + 1);
  });

  it('revokes by serial when the certificate file is gone', () => {
    const p12 = pki.issue('lost.p12', { kind: 'client', region: '320000', role: 'contributor', name: 'lost' });
    const serial = serialOf(p12);
    rmSync(p12);
    const { crl } = revokeSerial(pki.dir, serial.toUpperCase());
    expect(crl.revoked).toContain(serial);
  });

  it('export-trust: the root and a current CRL per level, re-signing missing or stale ones; the trust store reads them', () => {
    const crlFile = join(pki.dir, 'crl', '320000.crl');
    const trustDir = join(shared(), 'trust');
    rmSync(crlFile);
    expect(exportTrust(pki.dir, trustDir).resigned).toEqual(['320000']);
    const store = trustStore(trustDir);
    expect(store.ca).toEqual([readFileSync(join(pki.dir, 'root.crt'), 'utf8')]);
    expect(store.crl).toHaveLength(2); // root + 320000
    expect(store.problems).toEqual([]);
    expect(existsSync(crlFile)).toBe(true);

    writeCrl(pki.dir, '320000', undefined, 0.5); // lapses within the freshness margin
    const before = readCrlSummary(readFileSync(crlFile, 'utf8'));
    exportTrust(pki.dir, trustDir);
    const after = readCrlSummary(readFileSync(join(trustDir, 'crl', '320000.crl'), 'utf8'));
    expect(after.nextUpdate?.getTime()).toBeGreaterThan(before.nextUpdate?.getTime() ?? Infinity);
    expect(after.serials.sort()).toEqual(before.serials.sort());
  });

  it('trust store: a lapsing, lapsed or missing CRL is reported, since a host cannot re-sign it', () => {
    const trustDir = join(shared(), 'trust-stale');
    exportTrust(pki.dir, trustDir, { crlDays: 7 });
    // A host's copy ages: its CRLs (7 days) near their end, then pass it.
    const soon = trustStore(trustDir, new Date(Date.now() + 6.5 * 86_400_000));
    expect(soon.problems.join('\n')).toMatch(/crl\/320000\.crl: expires at .*export a fresh trust bundle/);
    const later = trustStore(trustDir, new Date(Date.now() + 8 * 86_400_000));
    expect(later.problems.join('\n')).toMatch(/crl\/root\.crl: expired at .*inrs pki export-trust/);
    expect(later.problems.join('\n')).toMatch(/crl\/320000\.crl: expired at /);
    rmSync(join(trustDir, 'crl', '320000.crl'));
    expect(trustStore(trustDir).problems.join('\n')).toMatch(/320000\.crl: missing; peers under region 320000 are refused/);
  });
});
