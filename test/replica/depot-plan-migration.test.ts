import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { migration007 } from '../../src/core/replica/migrations/007-depot-plan';
import { openReplica } from '../../src/core/replica/replica';
import { seedInto } from '../../src/core/seed/seed-replica';
import { TINY } from '../seed/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'inrs-depot-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the planned reserve scale in the replica', () => {
  it('is projected from each registration, and a migrated store back-fills the same from its log', () => {
    const replica = openReplica(join(dir, 'tiny.db'), newReplicaKey(), { create: true });
    try {
      seedInto(replica, { ...TINY, regions: ['000000', '640000'] });
      const read = () => replica.db.prepare('SELECT code, planned FROM depots ORDER BY code').all() as { code: string; planned: string }[];
      const projected = read();
      expect(projected.length).toBeGreaterThan(0);
      for (const d of projected) expect(Object.keys(JSON.parse(d.planned) as object).length).toBeGreaterThan(0);
      // A store from before the plan existed: the column goes, the migration brings it back from the log.
      replica.db.exec('ALTER TABLE depots DROP COLUMN planned');
      migration007.up(replica.db);
      expect(read()).toEqual(projected);
    } finally {
      replica.close();
    }
  });
});
