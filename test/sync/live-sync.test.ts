import { afterEach, describe, expect, it } from 'vitest';
import { directSink } from '../../src/core/sync/direct-sink';
import { SyncManager } from '../../src/core/sync/sync-manager';
import { regionStateHash } from '../../src/core/replica/state-hash';
import type { LinkState } from '../../src/shared/contract/sync-schemas';
import { TestNetwork } from './network';

const REGION = '430000';
let net: TestNetwork;
afterEach(async () => net?.close());

function waitFor(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(check, 20);
    };
    check();
  });
}

describe('live sync over mutual TLS on 127.0.0.1', () => {
  it('catches up, goes live, verifies checkpoints and follows new events', async () => {
    net = new TestNetwork();
    const server = await net.server(REGION, net.seededStore(REGION));
    // Movements are recorded by the operator of the depot that holds the lot; the region's
    // intermediate exists since the server certificate, so its CRL is already loaded.
    const lot = server.store.replica.db
      .prepare<[], { lot_id: string; depot: string; quantity: number }>(
        "SELECT s.lot_id, s.depot, s.quantity FROM lot_stock s JOIN depots d ON d.code = s.depot WHERE d.region = '430000' AND s.quantity > 1 LIMIT 1",
      )
      .get()!;
    const identity = net.identity(net.issue({ kind: 'client', region: REGION, role: 'depot-operator', depot: lot.depot, name: 'client-depot-operator' }));
    const replica = net.replica();
    const states: LinkState[] = [];
    const manager = new SyncManager({
      regions: { [REGION]: { urls: [server.url], pins: [] } },
      identity,
      rootPem: net.rootPem,
      sink: directSink(replica),
      onState: (s) => states.push(s),
    });
    manager.start();
    await manager.whenAllLive();
    expect(regionStateHash(replica.db, REGION)).toBe(server.store.stateHash());
    await waitFor(() => states.some((s) => s.lastCheckpointSeq === server.store.head().seq), 'the checkpoint at the head');

    // A movement recorded on the server arrives live.
    const instruction = server.store.replica.db.prepare<[], string>("SELECT id FROM instructions WHERE region = '430000' LIMIT 1").pluck().get()!;
    const link = manager.links.get(REGION)!;
    const outcome = await link.command({
      region: REGION,
      type: 'stock.issued',
      eventTime: new Date().toISOString(),
      actor: { subject: 'ignored', role: 'wall' },
      instructionId: instruction,
      payload: { lotId: lot.lot_id, depot: lot.depot, quantity: 1, recipient: '测试' },
    });
    
    expect(outcome).toMatchObject({ status: 'accepted' });
    await waitFor(() => link.current.cursor === outcome.seq, 'the new event on the replica');
    expect(regionStateHash(replica.db, REGION)).toBe(server.store.stateHash());
    const actor = replica.db.prepare<[number], string>("SELECT actor_subject FROM events WHERE region = '430000' AND seq = ?").pluck().get(outcome.seq!);
    expect(actor).toMatch(/^CN=client-/);

    // A debit beyond stock is refused with the rule's reason; nothing is appended.
    const head = server.store.head().seq;
    const refused = await link.command({
      region: REGION,
      type: 'stock.issued',
      eventTime: new Date().toISOString(),
      actor: { subject: 'x', role: 'duty-officer' },
      instructionId: instruction,
      payload: { lotId: lot.lot_id, depot: lot.depot, quantity: lot.quantity * 10, recipient: '测试' },
    });
    expect(refused.status).toBe('refused');
    expect(refused.reason).toMatch(/exceeds stock on hand/);
    expect(server.store.head().seq).toBe(head);

    await manager.stop();
  });
});
