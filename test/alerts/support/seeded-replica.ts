import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createKeyFile } from '../../../src/core/replica/key-file';
import { openReplica, type Replica } from '../../../src/core/replica/replica';
import { seedInto } from '../../../src/core/seed/seed-replica';
import { TINY } from '../../seed/fixtures';

/** A real encrypted replica seeded with every province's tiny log for the file's tests, removed after them. */
export function seededReplica(prefix: string): () => Replica {
  let dir = '';
  let replica: Replica | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    replica = openReplica(join(dir, 'replica.db'), createKeyFile(join(dir, 'replica.key')), { create: true });
    seedInto(replica, TINY);
  }, 120_000);
  afterAll(() => {
    replica?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!replica) throw new Error('the seeded replica is opened before the tests');
    return replica;
  };
}
