import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { REGION, sealAll, smallDrafts } from '../helpers/small-log';
import { useTempDir } from '../helpers/temp-dir';

/**
 * Zetetic's own SQLCipher 4 (community edition, through @journeyapps/sqlcipher) must open a
 * replica with nothing but the raw key: the auditors' tools depend on it.
 */
type Row = Record<string, unknown>;
interface SqlcipherDb {
  serialize(fn: () => void): void;
  run(sql: string): void;
  all(sql: string, cb: (err: Error | null, rows: Row[]) => void): void;
  close(cb: () => void): void;
}
const sqlcipher = createRequire(import.meta.url)('@journeyapps/sqlcipher') as {
  Database: new (file: string, mode: number, cb: (err: Error | null) => void) => SqlcipherDb;
  OPEN_READONLY: number;
};

function queryWithSqlcipher(file: string, keyHex: string, sql: string): Promise<{ version: Row[]; rows: Row[] }> {
  return new Promise((resolve, reject) => {
    const db = new sqlcipher.Database(file, sqlcipher.OPEN_READONLY, (err) => err && reject(err));
    db.serialize(() => {
      db.run(`PRAGMA key = "x'${keyHex}'"`);
      db.all('PRAGMA cipher_version', (err1, version) => {
        if (err1) return reject(err1);
        db.all(sql, (err2, rows) => {
          db.close(() => (err2 ? reject(err2) : resolve({ version, rows })));
        });
      });
    });
  });
}

const tempDir = useTempDir();

describe('SQLCipher 4 compatibility', () => {
  it('a stock SQLCipher 4 opens the replica with PRAGMA key = "x\'<hex>\'"', async () => {
    const file = join(tempDir(), 'replica.db');
    const key = newReplicaKey();
    const replica = openReplica(file, key, { create: true });
    replica.projector.applyBatch(REGION, sealAll(smallDrafts()));
    replica.close();

    const { version, rows } = await queryWithSqlcipher(file, key.toString('hex'), 'SELECT code, name_zh FROM depots ORDER BY code');
    expect(String(version[0]?.cipher_version)).toMatch(/^4\./);
    expect(rows).toEqual([
      { code: '430100-D001', name_zh: '长沙第1储备库' },
      { code: '430200-D001', name_zh: '株洲第1储备库' },
    ]);
  });

  it('the same SQLCipher refuses the replica under another key', async () => {
    const file = join(tempDir(), 'replica.db');
    const replica = openReplica(file, newReplicaKey(), { create: true });
    replica.close();
    await expect(queryWithSqlcipher(file, newReplicaKey().toString('hex'), 'SELECT count(*) FROM depots')).rejects.toThrow(
      /not a database/,
    );
  });
});
