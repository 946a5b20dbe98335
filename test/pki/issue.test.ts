import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { certInfo } from '../../src/core/pki';
import { makePki, openssl, useSharedDir, type TestPki } from './fixtures';

const shared = useSharedDir();
let pki: TestPki;
let serverP12: string;
let clientP12: string;

beforeAll(() => {
  pki = makePki(shared());
  serverP12 = pki.issue('server.p12', { kind: 'server', region: '430000', name: 'hn-sync-1', hosts: ['sync.hn.example', '10.1.2.3'] });
  clientP12 = pki.issue('client.p12', { kind: 'client', region: '430000', role: 'depot-operator', depot: '430100-D001', name: '李四' });
});

const mode = (file: string) => statSync(file).mode & 0o777;
/** `-passin` of the CA keys, and of an issued .p12 (its own passphrase file beside it). */
const caPassin = () => `file:${join(pki.dir, 'ca-passphrase')}`;
const passin = (p12: string) => `file:${p12.replace(/\.p12$/, '.passphrase')}`;

describe('pki init', () => {
  it('writes the root, an encrypted root key and a 0600 CA passphrase', () => {
    expect(mode(join(pki.dir, 'ca-passphrase'))).toBe(0o600);
    expect(mode(join(pki.dir, 'root.key'))).toBe(0o600);
    expect(readFileSync(join(pki.dir, 'root.key'), 'utf8')).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    expect(openssl(['pkey', '-in', join(pki.dir, 'root.key'), '-passin', caPassin(), '-noout']).status).toBe(0);
    expect(openssl(['pkey', '-in', join(pki.dir, 'root.key'), '-passin', 'pass:wrong', '-noout']).status).not.toBe(0);
    const root = openssl(['x509', '-in', join(pki.dir, 'root.crt'), '-noout', '-text']).out;
    expect(root).toMatch(/CA:TRUE/);
    expect(root).toMatch(/Certificate Sign, CRL Sign/);
    expect(root).toMatch(/sha256WithRSAEncryption/);
    expect(root).toMatch(/Public-Key: \(3072 bit\)/);
  });
});

describe('pki issue', () => {
  it('writes a 0600 .p12 that OpenSSL 3 reads with its own 0600 passphrase, without -legacy; the CA passphrase does not open it', () => {
    expect(mode(clientP12)).toBe(0o600);
    expect(mode(clientP12.replace(/\.p12$/, '.passphrase'))).toBe(0o600);
    const { status, out } = openssl(['pkcs12', '-in', clientP12, '-passin', passin(clientP12), '-nodes']);
    expect(status, out).toBe(0);
    expect(out).toContain('BEGIN PRIVATE KEY');
    expect(out.match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
    expect(openssl(['pkcs12', '-in', clientP12, '-passin', 'pass:wrong', '-nodes']).status).not.toBe(0);
    expect(openssl(['pkcs12', '-in', clientP12, '-passin', caPassin(), '-nodes']).status).not.toBe(0);
  });

  it('chains to the root through the region intermediate (openssl verify)', () => {
    const dir = shared();
    for (const [p12, name] of [[clientP12, 'client'], [serverP12, 'server']] as const) {
      const leaf = join(dir, `${name}-leaf.pem`);
      writeFileSync(leaf, openssl(['pkcs12', '-in', p12, '-passin', passin(p12), '-nokeys', '-clcerts']).out);
      const purpose = name === 'client' ? 'sslclient' : 'sslserver';
      const result = openssl(['verify', '-purpose', purpose, '-CAfile', join(pki.dir, 'root.crt'), '-untrusted', join(pki.dir, 'ca', '430000.crt'), leaf]);
      expect(result.out).toContain(`${leaf}: OK`);
    }
  });

  it('puts role and scope in subjectAltName URIs and the subject, with the right key usages', () => {
    const client = openssl(['x509', '-noout', '-text'], pki.identity(clientP12).certPem).out;
    expect(client).toContain('URI:urn:inrs:role:depot-operator, URI:urn:inrs:region:430000, URI:urn:inrs:depot:430100-D001');
    expect(client).toMatch(/Subject: O = 430000, OU = depot-operator, CN = /);
    expect(client).toMatch(/CA:FALSE/);
    expect(client).toMatch(/TLS Web Client Authentication/);
    expect(client).not.toMatch(/TLS Web Server Authentication/);

    const server = openssl(['x509', '-noout', '-text'], pki.identity(serverP12).certPem).out;
    expect(server).toContain('DNS:localhost, IP Address:127.0.0.1, DNS:sync.hn.example, IP Address:10.1.2.3, URI:urn:inrs:role:regional-server, URI:urn:inrs:region:430000');
    expect(server).toMatch(/TLS Web Server Authentication/);

    const intermediate = openssl(['x509', '-in', join(pki.dir, 'ca', '430000.crt'), '-noout', '-text']).out;
    expect(intermediate).toMatch(/CA:TRUE, pathlen:0/);
    expect(intermediate).toMatch(/Certificate Sign, CRL Sign/);
    expect(mode(join(pki.dir, 'ca', '430000.key'))).toBe(0o600);
  });

  it('loads the identity: key, certificate, chain in order, parsed info', () => {
    const id = pki.identity(clientP12);
    expect(id.chainPem).toHaveLength(3);
    expect(id.chainPem[0]).toBe(id.certPem);
    expect(certInfo(id.chainPem[1] as string).subject).toBe('CN=INRS Region 430000 CA,OU=regional-ca,O=430000');
    expect(id.chainPem[2]).toBe(readFileSync(join(pki.dir, 'root.crt'), 'utf8'));
    expect(id.keyPem).toContain('PRIVATE KEY');
    expect(id.info).toMatchObject({ subject: 'CN=李四,OU=depot-operator,O=430000', name: '李四', role: 'depot-operator', region: '430000', depot: '430100-D001' });
    expect(id.info.serial).toMatch(/^[4-7][0-9a-f]{31}$/);
    const days = (Date.parse(id.info.notAfter) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
  });

  it('defaults servers to a year and honours --not-before', () => {
    const server = pki.identity(serverP12).info;
    expect(Math.round((Date.parse(server.notAfter) - Date.now()) / 86_400_000)).toBe(365);
    const later = pki.issue('later.p12', { kind: 'client', region: '430000', role: 'auditor', name: 'later', notBefore: new Date('2031-01-01T00:00:00Z'), days: 2 });
    expect(pki.identity(later).info).toMatchObject({ notBefore: '2031-01-01T00:00:00.000Z', notAfter: '2031-01-03T00:00:00.000Z' });
  });

  it('keeps an index of what it issued', () => {
    const index = JSON.parse(readFileSync(join(pki.dir, 'issued.json'), 'utf8')) as { certificates: Record<string, unknown>[] };
    const client = pki.identity(clientP12).info;
    expect(index.certificates).toContainEqual(
      expect.objectContaining({ serial: client.serial, subject: client.subject, role: 'depot-operator', region: '430000', depot: '430100-D001', notBefore: client.notBefore, notAfter: client.notAfter, file: clientP12, revoked: null }),
    );
  });

  it('puts national identities under the 000000 intermediate', () => {
    const p12 = pki.issue('commander.p12', { kind: 'client', region: '000000', role: 'national-commander', name: 'commander' });
    const id = pki.identity(p12);
    expect(id.info).toMatchObject({ role: 'national-commander', region: '000000', depot: null });
    expect(certInfo(id.chainPem[1] as string).subject).toBe('CN=INRS Region 000000 CA,OU=regional-ca,O=000000');
  });
});
