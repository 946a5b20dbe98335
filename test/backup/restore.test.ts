import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyStore } from '../../src/core/audit/verify';
import { createBackup, manifestFileOf } from '../../src/core/backup/create';
import { readBackup } from '../../src/core/backup/container';
import { BackupError } from '../../src/core/backup/errors';
import { signManifest } from '../../src/core/backup/signer';
import { restoreBackups } from '../../src/core/backup/restore';
import { serverTarget } from '../../src/core/backup/source';
import { verifyBackup } from '../../src/core/backup/verify';
import { openRegionalStore, type RegionalStore } from '../../src/core/regional/regional-store';
import { appendMovements, backupWorld, REGION, seededStore, type BackupWorld } from './support';

// One PKI and one live store for the file: each test makes its own backups of it as it grows.
let world: BackupWorld;
let store: RegionalStore;
let data: string;
let test = 0;
beforeAll(() => {
  world = backupWorld();
  data = join(world.dir, 'server-data');
  store = seededStore(data);
});
afterAll(() => {
  store.close();
  world.remove();
});

const backup = (name: string, from?: string) => {
  const out = join(world.dir, 'backups', `${test}-${name}`);
  mkdirSync(join(world.dir, 'backups'), { recursive: true, mode: 0o700 });
  createBackup({ source: serverTarget(data), out, backupKey: world.backupKey, identity: world.server, ...(from ? { incrementalFrom: from } : {}) });
  return out;
};

function refusal(fn: () => unknown): BackupError {
  try {
    fn();
  } catch (err) {
    if (err instanceof BackupError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('backup and restore of a server store', () => {
  beforeEach(() => void test++);
  it('a full backup and two incrementals, made while the store is open, restore to a store that verifies and equals the source', async () => {
    const full = backup('full.inrsbak');
    await appendMovements(store, 40);
    const inc1 = backup('inc1.inrsbak', full);
    await appendMovements(store, 25);
    const inc2 = backup('inc2.inrsbak', manifestFileOf(inc1));
    const head = store.head();
    const stateHash = store.stateHash();

    for (const file of [full, inc1, inc2]) {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(verifyBackup(file, world.rootPem, world.backupKey).chainChecked).toBe(true);
    }
    // The payload is encrypted: none of the region's depot codes appears in clear.
    expect(readFileSync(full).includes(Buffer.from('430100-D'))).toBe(false);
    expect(readFileSync(inc1).includes(Buffer.from('stock.issued'))).toBe(false);

    const restoredDir = join(world.dir, `restored${test}`);
    const result = restoreBackups({ files: [full, inc1, inc2], target: serverTarget(restoredDir), backupKey: world.backupKey, rootPem: world.rootPem });
    expect(result.manifest.lastSeq).toBe(head.seq);
    expect(result.manifest.headHash).toBe(head.hash);

    const restored = openRegionalStore(restoredDir, REGION);
    try {
      expect(restored.head()).toEqual(head);
      expect(restored.stateHash()).toBe(stateHash);
      const report = verifyStore(restored.replica.db, restoredDir, { rootPem: world.rootPem, allowSnapshot: false, replay: true });
      expect(report.firstProblem).toBeNull();
      // The ledger came along: every command result of the source is in the restored store.
      const count = (s: RegionalStore) => s.replica.db.prepare('SELECT count(*) FROM command_results').pluck().get();
      expect(count(restored)).toBe(count(store));
    } finally {
      restored.close();
    }
    // A new store key: the backup key does not open the restored store, nor the old store key.
    expect(readFileSync(join(restoredDir, 'store.key'), 'utf8')).not.toBe(readFileSync(join(data, 'store.key'), 'utf8'));
    expect(statSync(restoredDir).mode & 0o777).toBe(0o700);
  });

  it('restores up to any incremental: the store equals the source at that manifest seq', async () => {
    const full = backup('full.inrsbak');
    await appendMovements(store, 10);
    const inc1 = backup('inc1.inrsbak', full);
    const atInc1 = { head: store.head(), state: store.stateHash() };
    await appendMovements(store, 10);
    backup('inc2.inrsbak', inc1);
    const dir = join(world.dir, `at-inc1-${test}`);
    restoreBackups({ files: [full, inc1], target: serverTarget(dir), backupKey: world.backupKey, rootPem: world.rootPem });
    const restored = openRegionalStore(dir, REGION);
    try {
      expect(restored.head()).toEqual(atInc1.head);
      expect(restored.stateHash()).toBe(atInc1.state);
    } finally {
      restored.close();
    }
  });

  it('refuses a payload with one changed byte, naming the file', () => {
    const full = backup('full.inrsbak');
    const bytes = readFileSync(full);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0x01;
    writeFileSync(full, bytes);
    const err = refusal(() => verifyBackup(full, world.rootPem, world.backupKey));
    expect(err.code).toBe('tampered');
    expect(err.message).toContain(full);
    expect(err.message).toContain('payload bytes changed');
    expect(refusal(() => restoreBackups({ files: [full], target: serverTarget(join(world.dir, `r${test}`)), backupKey: world.backupKey, rootPem: world.rootPem })).code).toBe('tampered');
    expect(existsSync(join(world.dir, `r${test}`))).toBe(false);
  });

  it('refuses a changed manifest (a later head claimed) as a bad signature', () => {
    const full = backup('full.inrsbak');
    const text = readFileSync(full, 'latin1');
    writeFileSync(full, Buffer.from(text.replace(/\\"lastSeq\\":(\d+)/, (_m, n: string) => `\\"lastSeq\\":${Number(n) + 1}`), 'latin1'));
    const err = refusal(() => verifyBackup(full, world.rootPem, null));
    expect(err.code).toBe('bad-signature');
    expect(err.message).toContain(full);
  });

  it('refuses a backup re-signed by a server of another region, or of another root, and one made under another region', () => {
    const full = backup('full.inrsbak');
    const original = readFileSync(full);
    for (const [identity, expected] of [
      [world.otherRegion, 'not a server of region 430000'],
      [world.foreign, 'does not lead to the root'],
    ] as const) {
      // The same manifest and payload, signed again by someone else: the header is all that changes.
      const opened = readBackup(full);
      const resigned = signManifest(opened.manifest, identity);
      const forged = join(world.dir, `forged-${identity.info.region ?? ''}-${expected.length}.inrsbak`);
      writeFileSync(forged, Buffer.concat([Buffer.from(`INRS-BACKUP 1\n${JSON.stringify(resigned)}\n`), original.subarray(opened.payloadOffset)]));
      const err = refusal(() => verifyBackup(forged, world.rootPem, world.backupKey));
      expect(err.code).toBe('wrong-signer');
      expect(err.message).toContain(forged);
      expect(err.message).toContain(expected);
    }
    expect(verifyBackup(full, world.rootPem, world.backupKey).signer).toContain('hunan-1');
    const err = refusal(() => createBackup({ source: serverTarget(data), out: join(world.dir, 'other.inrsbak'), backupKey: world.backupKey, identity: world.otherRegion }));
    expect(err.message).toContain('region 430000');
  });

  it('refuses incrementals given out of order or with one missing, by name', async () => {
    const full = backup('full.inrsbak');
    await appendMovements(store, 5);
    const inc1 = backup('inc1.inrsbak', full);
    await appendMovements(store, 5);
    const inc2 = backup('inc2.inrsbak', inc1);
    const restore = (files: string[]) => refusal(() => restoreBackups({ files, target: serverTarget(join(world.dir, `r${test}`)), backupKey: world.backupKey, rootPem: world.rootPem }));

    const reordered = restore([full, inc2, inc1]);
    expect(reordered.code).toBe('reordered');
    expect(reordered.message).toContain(inc2);
    const missing = restore([full, inc2]);
    expect(missing.code).toBe('missing-incremental');
    expect(missing.message).toContain(inc2);
    expect(missing.message).toContain(full);
    expect(restore([inc1, inc2]).code).toBe('missing-incremental');
    expect(existsSync(join(world.dir, `r${test}`))).toBe(false);
  });

  it('refuses to restore into a folder that is not empty, and changes nothing in it', () => {
    const full = backup('full.inrsbak');
    const occupied = join(world.dir, `occupied${test}`);
    mkdirSync(occupied);
    writeFileSync(join(occupied, 'notes.txt'), 'keep me');
    const err = refusal(() => restoreBackups({ files: [full], target: serverTarget(occupied), backupKey: world.backupKey, rootPem: world.rootPem }));
    expect(err.code).toBe('not-empty');
    expect(err.message).toContain(occupied);
    expect(readFileSync(join(occupied, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  it('refuses a wrong backup key', () => {
    const full = backup('full.inrsbak');
    const err = refusal(() => verifyBackup(full, world.rootPem, Buffer.alloc(32, 7)));
    expect(err.code).toBe('wrong-key');
  });
});
