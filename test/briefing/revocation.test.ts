import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BriefingError } from '../../src/core/briefing';
import { packBriefing, verifyPackage } from '../../src/core/briefing/package';
import type { Identity } from '../../src/core/pki';
import { regenerateRegionCrl } from '../../src/core/pki/crl';
import { layoutOf } from '../../src/core/pki/layout';
import { readKeyFile } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { makePki, useSharedDir } from '../pki/fixtures';
import { inrsHeadless, seededTinyReplica } from './support';

/**
 * Briefing packages against the PKI's CRLs: a package whose signer the PKI revokes (with the
 * operator's own commands, `inrs pki revoke` then `inrs pki crl`) is refused by `inrs briefing
 * verify|open --crl`, while another officer's is not; a CRL counts only when its issuer's key
 * verifies it, the newest counts, and without CRLs the output says revocation was not checked.
 */
const base = seededTinyReplica();
const shared = useSharedDir();
const DAY = 86_400_000;
let pkiDir: string;
let caPassphrase: string;
let rootFile: string;
let officerP12: string;
let officer: Identity;
let colleague: Identity;
let revokedPackage: string;
let otherPackage: string;

function pack(name: string, identity: Identity): string {
  const replica = openReplica(base.file, readKeyFile(base.keyFile), { readonly: true });
  try {
    const out = join(base.dir, name);
    packBriefing(replica.db, { identity, regions: ['430000'], expiresAt: new Date(Date.now() + 2 * DAY).toISOString(), out });
    return out;
  } finally {
    replica.close();
  }
}

function refusal(fn: () => unknown): BriefingError {
  try {
    fn();
  } catch (err) {
    if (err instanceof BriefingError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

const crlPem = (file: string) => readFileSync(file, 'utf8');

/** The same CRL with one byte of its signature changed: well-formed, but no CA's key verifies it. */
function forged(pem: string): string {
  const der = Buffer.from(pem.replace(/-----(BEGIN|END) X509 CRL-----/g, '').replace(/\s+/g, ''), 'base64');
  der[der.length - 1] = (der[der.length - 1] as number) ^ 0x01;
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN X509 CRL-----\n${lines.join('\n')}\n-----END X509 CRL-----\n`;
}

beforeAll(() => {
  const pki = makePki(shared());
  pkiDir = pki.dir;
  caPassphrase = pki.caPassphrase;
  rootFile = join(pkiDir, 'root.crt');
  officerP12 = pki.issue('wangfang.p12', { kind: 'client', region: '430000', role: 'duty-officer', name: 'wangfang', days: 7 });
  officer = pki.identity(officerP12);
  colleague = pki.identity(pki.issue('lijun.p12', { kind: 'client', region: '430000', role: 'duty-officer', name: 'lijun', days: 7 }));
  revokedPackage = pack('wangfang.inrsbrief', officer);
  otherPackage = pack('lijun.inrsbrief', colleague);
}, 120_000);

describe('briefing packages and revoked signers', () => {
  it('says revocation was not checked without CRLs, and checks signer and intermediate with the PKI’s CRL folder', () => {
    expect(verifyPackage(revokedPackage, { rootPem: crlPem(rootFile) }).revocation).toEqual({ checked: false });
    const unchecked = inrsHeadless(['briefing', 'verify', revokedPackage, '--root', rootFile]);
    expect(unchecked.status, unchecked.stderr).toBe(0);
    expect(unchecked.stdout).toMatch(/^revocation {2}NOT checked \(no --crl given\)/m);

    const before = join(shared(), 'hunan-before.crl');
    const written = inrsHeadless(['pki', 'crl', '--dir', pkiDir, '--region', '430000', '--out', before]);
    expect(written.status, written.stderr).toBe(0);
    const checked = inrsHeadless(['briefing', 'verify', revokedPackage, '--root', rootFile, '--crl', join(pkiDir, 'crl')]);
    expect(checked.status, checked.stderr).toBe(0);
    expect(checked.stdout).toMatch(/^revocation {2}2 CRLs: signer certificate .*CN=wangfang.*: not revoked \(CRL of .*430000/m);
    expect(checked.stdout).toMatch(/^ {12}intermediate CA .*: not revoked \(CRL of .*\)/m);
    expect(checked.stdout).not.toMatch(/NOT checked/);
  }, 120_000);

  it('refuses the package once the PKI revokes its signer: verify and open, each saying so', () => {
    const revoked = inrsHeadless(['pki', 'revoke', '--dir', pkiDir, '--cert', officerP12, '--reason', 'keyCompromise']);
    expect(revoked.status, revoked.stderr).toBe(0);
    const after = join(shared(), 'hunan-after.crl');
    const crl = inrsHeadless(['pki', 'crl', '--dir', pkiDir, '--region', '430000', '--out', after]);
    expect(crl.status, crl.stderr).toBe(0);
    expect(crl.stdout).toMatch(/1 revoked/);
    const rootCrl = layoutOf(pkiDir).rootCrl;

    const verify = inrsHeadless(['briefing', 'verify', revokedPackage, '--root', rootFile, '--crl', after, '--crl', rootCrl]);
    expect(verify.status).toBe(1);
    expect(verify.stderr).toMatch(/revoked: the signer certificate .*CN=wangfang.* \(serial [0-9a-f]+\) is revoked by the CRL of .*430000.*; do not trust this package/);
    expect(verify.stdout).toBe('');

    const dir = join(base.dir, 'never-opened');
    const open = inrsHeadless(['briefing', 'open', revokedPackage, '--root', rootFile, '--crl', after, '--crl', rootCrl, '--out', dir]);
    expect(open.status).toBe(1);
    expect(open.stderr).toMatch(/revoked: the signer certificate/);
    expect(existsSync(join(dir, 'replica.db'))).toBe(false);

    // Without CRLs the same package still verifies, and the output says revocation was not checked.
    const blind = inrsHeadless(['briefing', 'verify', revokedPackage, '--root', rootFile]);
    expect(blind.status, blind.stderr).toBe(0);
    expect(blind.stdout).toMatch(/NOT checked/);

    // Another officer of the same region, same CRLs: accepted.
    const other = inrsHeadless(['briefing', 'verify', otherPackage, '--root', rootFile, '--crl', after, '--crl', rootCrl]);
    expect(other.status, other.stderr).toBe(0);
    expect(other.stdout).toMatch(/signer certificate .*CN=lijun.*: not revoked/);
  }, 120_000);

  it('counts the newest CRL of a CA, whatever the order given; an older one cannot unrevoke', () => {
    const rootPem = crlPem(rootFile);
    const root = crlPem(layoutOf(pkiDir).rootCrl);
    const before = crlPem(join(shared(), 'hunan-before.crl'));
    const after = crlPem(join(shared(), 'hunan-after.crl'));
    for (const crls of [
      [before, after, root],
      [after, before, root],
    ]) {
      expect(refusal(() => verifyPackage(revokedPackage, { rootPem, crls })).code).toBe('revoked');
    }
    expect(verifyPackage(otherPackage, { rootPem, crls: [before, root] }).revocation).toMatchObject({ checked: true, crls: 2 });
  });

  it('refuses as unknown when no CRL signed by the signer’s issuer is given: none, a forged one, or one out of date', () => {
    const rootPem = crlPem(rootFile);
    const root = crlPem(layoutOf(pkiDir).rootCrl);
    const after = crlPem(join(shared(), 'hunan-after.crl'));

    const none = refusal(() => verifyPackage(revokedPackage, { rootPem, crls: [root] }));
    expect(none.code).toBe('revocation-unknown');
    expect(none.message).toMatch(/revocation of the signer certificate .* cannot be checked: none of the 1 given CRLs is signed by .*430000/);

    // The revoking CRL with its signature altered: it no longer counts, so nothing vouches for the signer.
    const tampered = refusal(() => verifyPackage(revokedPackage, { rootPem, crls: [forged(after), root] }));
    expect(tampered.code).toBe('revocation-unknown');

    // A CRL whose next update has passed: issued 10 days ago for 1 day.
    const stale = regenerateRegionCrl(layoutOf(pkiDir), '430000', caPassphrase, 1, new Date(Date.now() - 10 * DAY)).pem;
    const old = refusal(() => verifyPackage(otherPackage, { rootPem, crls: [stale, root] }));
    expect(old.code).toBe('revocation-unknown');
    expect(old.message).toMatch(/the newest given CRL of .*430000.* is out of date \(next update was \d{4}-/);

    // The intermediate without the root's CRL is reported as not checked, never passed over in silence.
    const partial = verifyPackage(otherPackage, { rootPem, crls: [after] });
    expect(partial.revocation).toMatchObject({
      checked: true,
      certificates: [
        { status: 'checked', name: expect.stringMatching(/^signer certificate /) },
        { status: 'not-checked', name: expect.stringMatching(/^intermediate CA /), detail: expect.stringMatching(/^NOT checked: none of the 1 given CRLs is signed by /) },
      ],
    });
  });

  it('refuses an unreadable or missing --crl by name', () => {
    const junk = join(shared(), 'junk.crl');
    writeFileSync(junk, 'not a CRL\n');
    const bad = inrsHeadless(['briefing', 'verify', otherPackage, '--root', rootFile, '--crl', junk]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`CRL ${junk}: not a readable X.509 CRL`);
    const missing = inrsHeadless(['briefing', 'verify', otherPackage, '--root', rootFile, '--crl', join(shared(), 'nowhere.crl')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/nowhere\.crl: not found/);
  }, 60_000);
});
