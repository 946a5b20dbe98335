import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BriefingError } from '../../src/core/briefing';
import { openPackage, packBriefing, verifyPackage } from '../../src/core/briefing/package';
import type { Identity } from '../../src/core/pki';
import { readKeyFile } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { makePki, useSharedDir } from '../pki/fixtures';
import { inrsHeadless, poppler, seededTinyReplica } from './support';

/**
 * Briefing packages on a real seeded replica, signed with certificates of the project's own
 * PKI: the round trip, then every refusal with its own message.
 */
const base = seededTinyReplica();
const shared = useSharedDir();
const DAY = 86_400_000;
let officer: Identity;
let otherOfficer: Identity;
let analyst: Identity;
let foreign: Identity;
let rootPem: string;
let pkiDir: string;
let officerP12: string;

beforeAll(() => {
  const pki = makePki(shared());
  pkiDir = pki.dir;
  rootPem = readFileSync(join(pki.dir, 'root.crt'), 'utf8');
  officerP12 = pki.issue('wangfang.p12', { kind: 'client', region: '430000', role: 'duty-officer', name: 'wangfang', days: 7 });
  officer = pki.identity(officerP12);
  otherOfficer = pki.identity(pki.issue('lijun.p12', { kind: 'client', region: '430000', role: 'duty-officer', name: 'lijun', days: 7 }));
  analyst = pki.identity(pki.issue('zhao.p12', { kind: 'client', region: '000000', role: 'ministry-analyst', name: 'zhao', days: 7 }));
  const rogue = makePki(shared(), 'rogue-pki');
  foreign = rogue.identity(rogue.issue('rogue.p12', { kind: 'client', region: '430000', role: 'duty-officer', name: 'wangfang', days: 7 }));
}, 120_000);

function pack(name: string, options: { identity?: Identity; passphrase?: string; expiresInDays?: number; regions?: string[] } = {}): string {
  const replica = openReplica(base.file, readKeyFile(base.keyFile), { readonly: true });
  try {
    const out = join(base.dir, name);
    packBriefing(replica.db, {
      identity: options.identity ?? officer,
      regions: options.regions ?? ['430000'],
      expiresAt: new Date(Date.now() + (options.expiresInDays ?? 2) * DAY).toISOString(),
      out,
      ...(options.passphrase ? { passphrase: options.passphrase } : {}),
    });
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

describe('briefing packages', () => {
  it('round-trips: packed, verified, unpacked into a replica holding only the chosen region, with its briefing', () => {
    const file = pack('hunan.inrsbrief', { passphrase: 'correct horse battery staple' });
    const dir = join(base.dir, 'opened');
    const opened = openPackage(file, dir, { rootPem, passphrase: 'correct horse battery staple' });
    expect(opened.signer.subject).toContain('wangfang');
    expect(opened.manifest.regions).toEqual(['430000']);
    const replica = openReplica(opened.replica, readKeyFile(opened.keyFile), { readonly: true });
    try {
      const regions = replica.queries.stats().regions.map((r) => r.region);
      expect(regions).toEqual(['000000', '430000']);
      const source = openReplica(base.file, readKeyFile(base.keyFile), { readonly: true });
      const hunan = source.queries.stats().regions.find((r) => r.region === '430000');
      source.close();
      expect(replica.queries.stats().regions.find((r) => r.region === '430000')?.headHash).toBe(hunan?.headHash);
    } finally {
      replica.close();
    }
    expect(poppler('pdftotext', [opened.briefing as string, '-'])).toContain('湖南省储备态势简报');
  }, 120_000);

  it('refuses a package with any byte changed, wherever it is', () => {
    const file = pack('plain.inrsbrief');
    const good = readFileSync(file);
    expect(verifyPackage(file, { rootPem }).files?.size).toBe(3);
    const headerEnd = 12 + good.readUInt32BE(8);
    // The header's JSON text, the payload's start, middle and end, and 30 places spread over the file.
    const positions = new Set([20, headerEnd - 3, headerEnd, headerEnd + 1, Math.floor((headerEnd + good.length) / 2), good.length - 1]);
    for (let i = 1; i <= 30; i++) positions.add(Math.floor((good.length * i) / 31));
    const codes = new Set<string>();
    for (const at of positions) {
      const bad = Buffer.from(good);
      bad[at] = (bad[at] as number) ^ 0x01;
      const tampered = join(base.dir, 'tampered.inrsbrief');
      writeFileSync(tampered, bad);
      const err = refusal(() => verifyPackage(tampered, { rootPem }));
      expect(['tampered', 'bad-signature', 'untrusted-signer', 'bad-package'], `byte ${at}: ${err.message}`).toContain(err.code);
      codes.add(err.code);
    }
    expect(codes.has('tampered')).toBe(true);
    const payloadByte = Buffer.from(good);
    payloadByte[good.length - 1] = (payloadByte[good.length - 1] as number) ^ 0x01;
    writeFileSync(join(base.dir, 'tail.inrsbrief'), payloadByte);
    expect(refusal(() => verifyPackage(join(base.dir, 'tail.inrsbrief'), { rootPem })).message).toMatch(/tampered: the contents do not match the signed manifest/);
  }, 120_000);

  it('refuses a package signed outside the national PKI, signed by someone else than its chain says, or by a role that may not', () => {
    const rogue = pack('rogue.inrsbrief', { identity: foreign });
    const untrusted = refusal(() => verifyPackage(rogue, { rootPem }));
    expect(untrusted.code).toBe('untrusted-signer');
    expect(untrusted.message).toMatch(/untrusted signer: .*does not chain to the given national root/);

    // Same PKI, but the chain swapped for another officer's: the signature is not theirs.
    const file = pack('swapped.inrsbrief');
    const bytes = readFileSync(file);
    const length = bytes.readUInt32BE(8);
    const header = JSON.parse(bytes.subarray(12, 12 + length).toString('utf8')) as { signerChain: string[] };
    header.signerChain = otherOfficer.chainPem;
    const json = Buffer.from(JSON.stringify(header));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(json.length);
    writeFileSync(file, Buffer.concat([bytes.subarray(0, 8), len, json, bytes.subarray(12 + length)]));
    const swapped = refusal(() => verifyPackage(file, { rootPem }));
    expect(swapped.code).toBe('bad-signature');
    expect(swapped.message).toMatch(/signature does not verify/);

    const analystRefused = refusal(() => pack('analyst.inrsbrief', { identity: analyst }));
    expect(analystRefused.code).toBe('signer-not-allowed');
    expect(analystRefused.message).toMatch(/only a national commander or a duty officer may sign/);
    const scope = refusal(() => pack('beijing.inrsbrief', { regions: ['110000'] }));
    expect(scope.message).toMatch(/may not hand out region 110000/);
  }, 120_000);

  it('refuses an expired package, and a wrong or missing passphrase, each with its own message', () => {
    const file = pack('secret.inrsbrief', { passphrase: 'right passphrase' });
    const later = new Date(Date.now() + 3 * DAY);
    const expired = refusal(() => verifyPackage(file, { rootPem, now: later }));
    expect(expired.code).toBe('expired');
    expect(expired.message).toMatch(/expired: the package was valid until/);
    const wrong = refusal(() => verifyPackage(file, { rootPem, passphrase: 'wrong passphrase' }));
    expect(wrong.code).toBe('wrong-passphrase');
    expect(wrong.message).toMatch(/wrong passphrase/);
    const none = refusal(() => openPackage(file, join(base.dir, 'never'), { rootPem }));
    expect(none.code).toBe('passphrase-needed');
    expect(verifyPackage(file, { rootPem }).files).toBeNull();
    const beyond = refusal(() => pack('long.inrsbrief', { expiresInDays: 30 }));
    expect(beyond.message).toMatch(/after the signer certificate expires/);
  }, 120_000);

  it('works end to end from the command line: pack, verify, open, and a refusal exits 1 with its reason', () => {
    const passphraseFile = join(pkiDir, '..', 'wangfang.passphrase');
    const out = join(base.dir, 'cli.inrsbrief');
    const expires = new Date(Date.now() + DAY).toISOString();
    const packed = inrsHeadless(['briefing', 'pack', '--replica', base.file, '--key-file', base.keyFile, '--identity', officerP12, '--passphrase-file', passphraseFile, '--regions', '430000', '--expires', expires, '--out', out]);
    expect(packed.status, packed.stderr).toBe(0);
    expect(packed.stdout).toContain('NOT encrypted');
    const root = join(pkiDir, 'root.crt');
    const verified = inrsHeadless(['briefing', 'verify', out, '--root', root]);
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/chain to the national root verified/);
    const dir = join(base.dir, 'cli-opened');
    const opened = inrsHeadless(['briefing', 'open', out, '--root', root, '--out', dir]);
    expect(opened.status, opened.stderr).toBe(0);
    expect(opened.stdout).toContain(`npm start -- --replica ${join(dir, 'replica.db')} --key-file ${join(dir, 'replica.key')} --offline`);
    const stats = inrsHeadless(['replica', 'stats', '--replica', join(dir, 'replica.db'), '--key-file', join(dir, 'replica.key'), '--json']);
    expect(stats.status, stats.stderr).toBe(0);
    expect((JSON.parse(stats.stdout) as { regions: { region: string }[] }).regions.map((r) => r.region)).toEqual(['000000', '430000']);

    const rogueRoot = join(shared(), 'rogue-pki', 'root.crt');
    const refused = inrsHeadless(['briefing', 'verify', out, '--root', rogueRoot]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/untrusted signer/);
  }, 120_000);
});
