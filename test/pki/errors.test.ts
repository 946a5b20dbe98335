import { chmodSync, copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initPki, issueCertificate, loadIdentity, loadIdentityFile, PkiError, readPassphraseFile, revokeCertificate, trustStore, writeCrl, type IssueOptions } from '../../src/core/pki';
import { makePki, useSharedDir, type TestPki } from './fixtures';

const shared = useSharedDir();
let pki: TestPki;
let p12: string;

beforeAll(() => {
  pki = makePki(shared());
  p12 = pki.issue('ok.p12', { kind: 'client', region: '510000', role: 'duty-officer', name: 'ok' });
});

function expectPkiError(fn: () => unknown, code: string, message: RegExp) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PkiError);
    expect((err as PkiError).code).toBe(code);
    expect((err as Error).message).toMatch(message);
    return;
  }
  throw new Error(`expected PkiError ${code}`);
}

let n = 0;
const issue = (options: Partial<IssueOptions>) => () =>
  issueCertificate(pki.dir, { kind: 'client', region: '510000', role: 'auditor', name: 'x', out: join(shared(), `never-${n++}.p12`), ...options });

describe('pki errors', () => {
  it('wrong passphrase: on the .p12 and on the CA keys', () => {
    expectPkiError(() => loadIdentity(p12, 'not-the-passphrase'), 'wrong-passphrase', /ok\.p12: wrong passphrase/);
    expectPkiError(issue({ caPassphrase: 'not-the-passphrase' }), 'wrong-passphrase', /(root|510000)\.key: cannot decrypt the key: wrong CA passphrase/);
  });

  it('an identity never shares the CA passphrase; a host never reads the CA folder as its trust folder', () => {
    expectPkiError(issue({ identityPassphrase: pki.caPassphrase }), 'same-passphrase', /is the CA passphrase; an identity needs its own/);
    const taken = join(shared(), 'taken.p12');
    writeFileSync(taken.replace(/\.p12$/, '.passphrase'), 'left over\n', { mode: 0o600 });
    expectPkiError(issue({ out: taken }), 'exists', /taken\.passphrase already exists; refusing to reuse it/);
    expectPkiError(() => trustStore(pki.dir), 'ca-material', /holds CA private material \(.*root\.key/);
    expectPkiError(() => loadIdentityFile(p12, join(pki.dir, 'ca-passphrase')), 'ca-material', /lies in a CA folder/);
  });

  it('passphrase file: missing, readable by others, empty', () => {
    expectPkiError(() => readPassphraseFile(join(shared(), 'nope')), 'missing-passphrase', /nope: passphrase file not found/);
    const loose = join(shared(), 'loose-passphrase');
    writeFileSync(loose, 'secret\n', { mode: 0o644 });
    chmodSync(loose, 0o644);
    expectPkiError(() => readPassphraseFile(loose), 'passphrase-file-mode', /mode is 0644; it must be 0600/);
    const empty = join(shared(), 'empty-passphrase');
    writeFileSync(empty, '\n', { mode: 0o600 });
    expectPkiError(() => readPassphraseFile(empty), 'bad-passphrase-file', /empty/);
  });

  it('missing or foreign PKI directory', () => {
    expectPkiError(() => issueCertificate(join(shared(), 'absent'), { kind: 'client', region: '510000', role: 'auditor', name: 'x', out: join(shared(), 'x.p12') }), 'missing-pki', /absent: PKI directory not found/);
    expectPkiError(() => writeCrl(shared(), '510000'), 'missing-pki', /not a PKI directory/);
  });

  it('refuses to overwrite a PKI or an output file', () => {
    expectPkiError(() => initPki(pki.dir), 'exists', /already holds a PKI/);
    expectPkiError(issue({ out: p12 }), 'exists', /ok\.p12 already exists/);
  });

  it('validates kind, role, region, depot, scope, name and hosts before touching anything', () => {
    const before = readdirSync(pki.dir).sort();
    expectPkiError(issue({ kind: 'router' }), 'unknown-kind', /unknown kind "router"/);
    expectPkiError(issue({ role: 'admin' }), 'unknown-role', /unknown role "admin"/);
    expectPkiError(issue({ role: undefined }), 'unknown-role', /needs a role/);
    expectPkiError(issue({ kind: 'server', role: 'auditor' }), 'scope', /regional-server/);
    expectPkiError(issue({ region: '51000' }), 'bad-region', /"51000" must be a 6-digit adcode/);
    expectPkiError(issue({ region: 'sichua' }), 'bad-region', /6-digit/);
    expectPkiError(issue({ depot: '510100-D001' }), 'depot-role', /only to role depot-operator, not auditor/);
    expectPkiError(issue({ role: 'depot-operator' }), 'depot-role', /needs a depot/);
    expectPkiError(issue({ role: 'depot-operator', depot: 'bad depot' }), 'bad-depot', /depot code/);
    expectPkiError(issue({ role: 'national-commander' }), 'scope', /must be 000000/);
    expectPkiError(issue({ name: 'a,b' }), 'bad-name', /name "a,b"/);
    expectPkiError(issue({ name: '' }), 'bad-name', /1-64 characters/);
    expectPkiError(issue({ hosts: ['x.example'] }), 'bad-host', /server certificates only/);
    expectPkiError(issue({ kind: 'server', role: undefined, hosts: ['not a host'] }), 'bad-host', /"not a host"/);
    expectPkiError(issue({ days: 0 }), 'bad-validity', /between 1 and/);
    expectPkiError(issue({ notBefore: new Date(), notAfter: new Date(Date.now() - 1000) }), 'bad-validity', /end after it starts/);
    expect(readdirSync(pki.dir).sort()).toEqual(before);
  });

  it('revoke: a certificate of another PKI, twice, a bad reason', () => {
    const other = makePki(shared(), 'other');
    const foreign = other.issue('foreign.p12', { kind: 'client', region: '510000', role: 'auditor', name: 'foreign' });
    expectPkiError(() => revokeCertificate(pki.dir, foreign), 'not-issued-here', /was not issued by the PKI in/);
    const twice = pki.issue('twice.p12', { kind: 'client', region: '510000', role: 'auditor', name: 'twice' });
    expectPkiError(() => revokeCertificate(pki.dir, twice, { reason: 'bored' }), 'bad-reason', /unknown revocation reason "bored"/);
    revokeCertificate(pki.dir, twice);
    expectPkiError(() => revokeCertificate(pki.dir, twice), 'already-revoked', /already revoked at/);
    expectPkiError(() => revokeCertificate(pki.dir, join(shared(), 'missing.p12')), 'missing-file', /missing\.p12: file not found/);
  });

  it('crl: a region without an intermediate', () => {
    expectPkiError(() => writeCrl(pki.dir, '650000', join(shared(), 'x.crl')), 'unknown-region', /no intermediate CA for region 650000/);
    expect(existsSync(join(shared(), 'x.crl'))).toBe(false);
  });

  it('a file that is no .p12', () => {
    const notP12 = join(shared(), 'not.p12');
    copyFileSync(join(pki.dir, 'issued.json'), notP12);
    expectPkiError(() => loadIdentity(notP12, 'any passphrase'), 'bad-p12', /not\.p12: not a PKCS#12/);
  });
});
