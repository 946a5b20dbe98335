import { chmodSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { ReplicaError } from '../../src/core/replica/errors';
import { createKeyFile, newReplicaKey, readKeyFile } from '../../src/core/replica/key-file';
import { REPLICA_MIGRATIONS } from '../../src/core/replica/migrations';
import { openReplica } from '../../src/core/replica/replica';
import { REGION, sealAll, smallDrafts } from '../helpers/small-log';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();

/** A closed replica file holding the small Hunan log, with its key. */
function writtenReplica() {
  const dir = tempDir();
  const file = join(dir, 'replica.db');
  const key = newReplicaKey();
  const replica = openReplica(file, key, { create: true });
  replica.projector.applyBatch(REGION, sealAll(smallDrafts()));
  replica.close();
  return { dir, file, key };
}

function expectReplicaError(fn: () => unknown, code: string, file: string, cause: RegExp) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ReplicaError);
    expect((err as ReplicaError).code).toBe(code);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(cause);
    return;
  }
  throw new Error(`expected ReplicaError ${code}`);
}

describe('replica at rest', () => {
  it('is encrypted: no SQLite header, no names in its bytes', () => {
    const { file } = writtenReplica();
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    for (const text of ['湖南省', 'Hunan', '长沙第1储备库', 'Changsha', '430100-D001', 'GR-RICE', 'region.declared']) {
      expect(bytes.includes(Buffer.from(text, 'utf8'))).toBe(false);
    }
  });

  it('opens again with the right key', () => {
    const { file, key } = writtenReplica();
    const replica = openReplica(file, key);
    expect(replica.queries.stats()).toMatchObject({ depots: 2, lots: 1, events: 9 });
    replica.close();
  });

  it('wrong key: a specific error and the file byte-for-byte unchanged', () => {
    const { dir, file } = writtenReplica();
    const before = readFileSync(file);
    const filesBefore = readdirSync(dir).sort();
    expectReplicaError(() => openReplica(file, newReplicaKey()), 'wrong-key', file, /wrong key/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(filesBefore);
  });

  it('missing replica file and missing key file name the file', () => {
    const dir = tempDir();
    expectReplicaError(() => openReplica(join(dir, 'nope.db'), newReplicaKey()), 'missing-file', join(dir, 'nope.db'), /not found/);
    expect(existsSync(join(dir, 'nope.db'))).toBe(false);
    expectReplicaError(() => readKeyFile(join(dir, 'nope.key')), 'missing-key', join(dir, 'nope.key'), /key file not found/);
  });

  it('refuses a key file others can read, and one that is not 64 hex characters', () => {
    const dir = tempDir();
    const keyFile = join(dir, 'k.key');
    createKeyFile(keyFile);
    chmodSync(keyFile, 0o644);
    expectReplicaError(() => readKeyFile(keyFile), 'key-file-mode', keyFile, /0644.*0600/);
    const bad = join(dir, 'bad.key');
    writeFileSync(bad, 'not-hex\n', { mode: 0o600 });
    expectReplicaError(() => readKeyFile(bad), 'bad-key-file', bad, /64 hex/);
  });

  it('corrupt file: the key is right but a page is damaged', () => {
    const { file, key } = writtenReplica();
    const bytes = readFileSync(file);
    bytes[100] = (bytes[100] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    expectReplicaError(() => openReplica(file, key), 'corrupt', file, /key is right.*damaged/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('a file that is not a replica at all', () => {
    const dir = tempDir();
    const text = join(dir, 'notes.db');
    writeFileSync(text, 'these are meeting notes, not a database\n');
    expectReplicaError(() => openReplica(text, newReplicaKey()), 'not-a-replica', text, /not a whole number of 4096-byte pages/);
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    expectReplicaError(() => openReplica(empty, newReplicaKey()), 'not-a-replica', empty, /empty/);
  });

  it('an unencrypted SQLite database is refused as plaintext', () => {
    const dir = tempDir();
    const file = join(dir, 'plain.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x)');
    db.close();
    const before = readFileSync(file);
    expectReplicaError(() => openReplica(file, newReplicaKey()), 'plaintext', file, /unencrypted SQLite/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a database from a newer version of the app', () => {
    const { file, key } = writtenReplica();
    const replica = openReplica(file, key);
    replica.db.pragma(`user_version = ${REPLICA_MIGRATIONS.at(-1)!.version + 1}`);
    replica.close();
    expectReplicaError(() => openReplica(file, key), 'newer-schema', file, /newer than this app supports/);
  });
});
