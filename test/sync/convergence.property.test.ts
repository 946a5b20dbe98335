import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import { regionStateHash } from '../../src/core/replica/state-hash';
import { batchRefusal } from '../../src/core/sync/batch-order';
import type { SealedEvent } from '../../src/shared/domain/events';
import { sealAll } from '../helpers/small-log';
import { regionLog } from '../seed/fixtures';

/*
 * Whatever the network does to batches — duplicates, reorders, drops, replays — a replica
 * that applies only what follows its cursor, and resumes from its cursor, ends in the
 * server's state. Seeds are printed by fast-check on failure; set FC_SEED to replay one.
 */
const REGION = '430000';
let dir: string;
let national: SealedEvent[];
let log: SealedEvent[];
let serverHash: string;
const key = newReplicaKey();
let n = 0;

function freshClient(): Replica {
  const replica = openReplica(join(dir, `client-${n++}.db`), key, { create: true });
  replica.projector.applyBatch('000000', national);
  return replica;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-converge-'));
  national = sealAll(regionLog('000000'));
  log = sealAll(regionLog(REGION));
  const server = freshClient();
  server.projector.applyBatch(REGION, log);
  serverHash = regionStateHash(server.db, REGION);
  server.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const batch = (from: number, size: number) => {
  const events = log.slice(from - 1, from - 1 + size);
  return { region: REGION, fromSeq: from, events };
};

describe('sync convergence (property)', () => {
  it('duplicated, reordered, dropped and replayed batches converge to the server state', () => {
    const delivery = fc.array(
      fc.record({ from: fc.integer({ min: 1, max: log.length }), size: fc.integer({ min: 1, max: 60 }) }),
      { minLength: 1, maxLength: 40 },
    );
    fc.assert(
      fc.property(delivery, (frames) => {
        const client = freshClient();
        try {
          for (const { from, size } of frames) {
            const cursor = client.projector.headOf(REGION).seq;
            const frame = batch(from, size);
            const before = cursor;
            if (batchRefusal(cursor, REGION, frame) === null) client.projector.applyBatch(REGION, frame.events);
            // A refused batch changes nothing.
            else expect(client.projector.headOf(REGION).seq).toBe(before);
          }
          // Reconnect: the server sends everything after the client's own cursor.
          let cursor = client.projector.headOf(REGION).seq;
          while (cursor < log.length) {
            const frame = batch(cursor + 1, 500);
            expect(batchRefusal(cursor, REGION, frame)).toBeNull();
            cursor = client.projector.applyBatch(REGION, frame.events).head.seq;
          }
          expect(regionStateHash(client.db, REGION)).toBe(serverHash);
        } finally {
          client.close();
        }
      }),
      { numRuns: 25 },
    );
  });

  it('re-applying batches at or below the head directly is a no-op', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: log.length }), fc.integer({ min: 1, max: 200 }), (upTo, replayFrom) => {
        const client = freshClient();
        try {
          client.projector.applyBatch(REGION, log.slice(0, upTo));
          const hash = regionStateHash(client.db, REGION);
          const replay = log.slice(Math.min(replayFrom, upTo) - 1, upTo);
          expect(client.projector.applyBatch(REGION, replay)).toMatchObject({ applied: 0, skipped: replay.length });
          expect(regionStateHash(client.db, REGION)).toBe(hash);
        } finally {
          client.close();
        }
      }),
      { numRuns: 15 },
    );
  });
});
