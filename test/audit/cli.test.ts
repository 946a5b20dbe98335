import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegionalStore, STORE_FILE } from '../../src/core/regional/regional-store';
import { readKeyFile } from '../../src/core/replica/key-file';
import { seedInto } from '../../src/core/seed/seed-replica';
import { TINY } from '../seed/fixtures';
import { flipPayloadByte, inrs } from './support/cli';
import { buildSignedReplica, REGION, signedAt, type SignedReplica } from './support/signed-replica';

/** `inrs audit verify` as an operator runs it, on a real replica file and a real server store. */
let base: SignedReplica;

beforeAll(() => {
  base = buildSignedReplica();
}, 120_000);
afterAll(() => base?.remove());

describe('inrs audit verify --replica', () => {
  it('passes an untouched replica, then fails naming the seq whose payload byte was changed', () => {
    const args = ['audit', 'verify', '--replica', base.file, '--key-file', base.keyFile, '--root', base.rootFile];
    const clean = inrs(args);
    expect(clean.status, clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/^OK: \d+ events verified/);
    expect(clean.stdout).toMatch(new RegExp(`${REGION}\\s+${base.log.length}\\s+${base.log.length}\\s+3/3\\s+equal\\s+verified`));

    flipPayloadByte(base.file, base.key, REGION, 123);
    const bad = inrs(args);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^FAILED: region 110000 seq 123: edited/);
    expect(bad.stderr).toContain('audit failed: region 110000 seq 123: edited');

    const json = inrs([...args, '--json']);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout) as { ok: boolean; firstProblem: unknown };
    expect(report).toMatchObject({ ok: false, firstProblem: { region: REGION, seq: 123, kind: 'edited' } });
  }, 120_000);

  it('refuses a call without a store', () => {
    const r = inrs(['audit', 'verify']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/missing --replica FILE --key-file FILE \(or --data DIR/);
  });
});

describe('inrs audit verify --data', () => {
  it('checks a regional server store with its own key file, and names a tampered seq', () => {
    const dataDir = join(base.dir, 'server-data');
    const store = openRegionalStore(dataDir, REGION);
    seedInto(store.replica, { ...TINY, regions: ['000000', REGION] });
    store.checkpoints.save(signedAt(base.server, 50, store.hashAt(50) ?? ''));
    store.checkpoints.save(signedAt(base.server, store.head().seq, store.head().hash));
    store.close();

    const args = ['audit', 'verify', '--data', dataDir, '--root', base.rootFile];
    const clean = inrs(args);
    expect(clean.status, clean.stdout + clean.stderr).toBe(0);
    expect(clean.stdout).toContain('checked against the given national root');

    flipPayloadByte(join(dataDir, STORE_FILE), readKeyFile(join(dataDir, 'store.key')), REGION, 77);
    const bad = inrs(args);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('audit failed: region 110000 seq 77: edited');
  }, 120_000);
});
