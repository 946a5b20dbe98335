import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { ReplicaClient } from '../../src/core/replica/replica-client';
import { startChainWatch, type ChainWatch } from '../../src/main/host/chain-watch';
import { HostEventHub } from '../../src/main/host/host-events';
import type { ChainStatus } from '../../src/shared/contract';
import { REGION, sealAll, smallDrafts } from '../helpers/small-log';

/** The host's chain watch over the replica worker: checked at start, walked on after each replica change. */
let dir: string;
let replica: ReplicaClient;
let watch: ChainWatch;
const events = new HostEventHub();
const sealed = sealAll(smallDrafts());

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-chain-watch-'));
  const file = join(dir, 'replica.db');
  const key = newReplicaKey();
  const seeded = openReplica(file, key, { create: true });
  seeded.projector.applyBatch(REGION, sealed.slice(0, 5));
  seeded.close();
  replica = await ReplicaClient.open({ file, key });
  watch = startChainWatch({ replica, events, log: () => {}, debounceMs: 10 });
});

afterAll(async () => {
  watch.dispose();
  await replica.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('chain watch', () => {
  it('answers the status of the start-up walk, then pushes the walk on after a replica change', async () => {
    expect(await watch.current()).toEqual({ regions: [{ region: REGION, status: 'ok', verifiedSeq: 5, firstBadSeq: null, reason: null }] });
    const pushed = new Promise<ChainStatus>((resolve) => {
      const off = events.subscribe((name, payload) => {
        if (name !== 'audit:chain-changed') return;
        off();
        resolve(payload as ChainStatus);
      });
    });
    await replica.call('syncApply', [REGION, sealed.slice(5)]);
    events.emit('replica:changed', { regions: [REGION] });
    expect(await pushed).toEqual({ regions: [{ region: REGION, status: 'ok', verifiedSeq: 9, firstBadSeq: null, reason: null }] });
    expect(await watch.current()).toEqual(await pushed);
  });
});
