import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAssets } from '../../src/core/registry/registry-log';
import { regionStateHash } from '../../src/core/replica/state-hash';
import { directSink } from '../../src/core/sync/direct-sink';
import { SyncManager } from '../../src/core/sync/sync-manager';
import { commandNet, REGION, type CommandNet, type Officer } from '../commands/support/officers';
import { physicalAsset, RegistryClient } from './support/registry-client';

/*
 * A replica that joins from a snapshot (further behind than the server keeps) receives the
 * registry's projected rows with the rest of the region, checked by the state hash, so the
 * lifecycle events after the snapshot apply to the assets they name.
 */
let cn: CommandNet;
let verifier: Officer;
const clients: { close(): void }[] = [];

beforeAll(async () => {
  cn = await commandNet({ retainEvents: 5 });
  const p12 = cn.net.issue({ kind: 'client', region: REGION, role: 'registry-verifier', name: 'verifier-hu' });
  verifier = { ...cn.net.identity(p12), subject: `CN=verifier-hu,OU=registry-verifier,O=${REGION}`, p12 };
});

afterAll(async () => {
  for (const c of clients) c.close();
  await cn?.net.close();
});

describe('registry rows in a snapshot', () => {
  it('carries the assets a later onboarding refers to, under the state hash', async () => {
    const owner = await RegistryClient.connect(cn, cn.contributor);
    const inspector = await RegistryClient.connect(cn, verifier);
    clients.push(owner, inspector);
    const assetId = ((await owner.request({ op: 'register', asset: physicalAsset('快照前登记粮库') })).value as { assetId: string }).assetId;
    expect(await inspector.request({ op: 'verify', assetId, passed: true, reason: '现场核验合格', evidence: [] })).toMatchObject({ status: 'accepted' });

    const replica = cn.net.replica();
    const manager = new SyncManager({ regions: { [REGION]: { urls: [cn.server.url], pins: [] } }, identity: cn.auditor, rootPem: cn.net.rootPem, sink: directSink(replica) });
    manager.start();
    try {
      await manager.whenAllLive();
      expect(cn.net.logs.some((l) => l.includes('sent a snapshot at seq'))).toBe(true);
      expect(readAssets(replica.db).map((a) => [a.assetId, a.state])).toEqual([[assetId, 'verified']]);
      // After the snapshot: the onboarding applies to the asset the snapshot brought.
      expect(await inspector.request({ op: 'onboard', assetId })).toMatchObject({ status: 'accepted' });
      const head = cn.server.store.head();
      await expect.poll(() => replica.projector.headOf(REGION).seq, { timeout: 20_000 }).toBe(head.seq);
      expect(readAssets(replica.db).map((a) => a.state)).toEqual(['onboarded']);
      expect(regionStateHash(replica.db, REGION)).toBe(cn.server.store.stateHash());
    } finally {
      await manager.stop();
    }
  });
});
