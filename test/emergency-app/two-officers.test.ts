import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmergencyQueries } from '../../src/core/replica/emergency-queries';
import type { Replica } from '../../src/core/replica/replica';
import { directSink } from '../../src/core/sync/direct-sink';
import { SyncManager } from '../../src/core/sync/sync-manager';
import { createCommandSender, type CommandSender } from '../../src/main/host/command-sender';
import type { RegionalServer } from '../../src/core/regional/regional-server';
import { TestNetwork } from '../sync/network';
import { waitFor, within } from '../sync/support/wait';

const REGION = '430000';

interface Officer {
  sender: CommandSender;
  manager: SyncManager;
  replica: Replica;
}

let net: TestNetwork;
let server: RegionalServer;
let a: Officer;
let b: Officer;
let commander: Officer;

beforeAll(async () => {
  net = new TestNetwork();
  // Issued before the server starts, so its CRLs cover Hunan's intermediate.
  const ids = ['值班员甲', '值班员乙'].map((name) => net.identity(net.issue({ kind: 'client', region: REGION, role: 'duty-officer', name })));
  ids.push(net.identity(net.issue({ kind: 'client', region: '000000', role: 'national-commander', name: '国家指挥员' })));
  server = await net.server(REGION, net.seededStore(REGION));
  [a, b, commander] = ids.map((identity) => {
    const replica = net.replica();
    const manager = new SyncManager({ regions: { [REGION]: { urls: [server.url], pins: [] } }, identity, rootPem: net.rootPem, sink: directSink(replica) });
    manager.start();
    return { sender: createCommandSender({ sync: manager, identity }), manager, replica };
  }) as [Officer, Officer, Officer];
  await within(Promise.all([a, b, commander].map((o) => o.manager.whenAllLive())), 60_000, 'every officer live');
});

afterAll(async () => {
  for (const o of [a, b, commander]) await o?.manager.stop();
  await net?.close();
});

const stateOf = (o: Officer) => createEmergencyQueries(o.replica.db).state(Date.now());
const cursorOf = (o: Officer) => o.manager.links.get(REGION)?.current.cursor ?? 0;

describe('two officers raise level II through a real regional server', () => {
  it('propose → refused self co-signature → co-signature by the second officer → level II on both replicas', async () => {
    const proposed = await a.sender.send(REGION, 'normal', { kind: 'emergency.propose', toLevel: 'II', plan: '防汛Ⅱ级应急预案', reason: '洞庭湖城陵矶站水位超警戒 1.2 米' });
    expect(proposed).toMatchObject({ status: 'accepted', code: null });
    await waitFor(() => cursorOf(b) >= (proposed.seq ?? Infinity), 'the proposal on B’s replica');

    const pending = stateOf(b);
    expect(pending.levels).toEqual([]);
    expect(pending.proposals).toEqual([
      expect.objectContaining({ id: proposed.commandId, region: REGION, fromLevel: 'normal', toLevel: 'II', status: 'pending', proposer: a.sender.identity.subject }),
    ]);
    const left = Date.parse(pending.proposals[0]!.cosignBy) - Date.now();
    expect(left).toBeGreaterThan(9 * 60_000);
    expect(left).toBeLessThanOrEqual(10 * 60_000);
    // Read after its deadline, the same row is an expired proposal.
    const later = createEmergencyQueries(b.replica.db).state(Date.now() + 10 * 60_000 + 1000);
    expect(later.proposals[0]?.status).toBe('expired');

    const own = await a.sender.send(REGION, 'normal', { kind: 'emergency.cosign', proposalId: proposed.commandId });
    expect(own).toMatchObject({ status: 'refused', code: 'same-officer', seq: null });
    expect(own.reason).toContain('a second, different officer must co-sign');

    const cosigned = await b.sender.send(REGION, 'normal', { kind: 'emergency.cosign', proposalId: proposed.commandId });
    expect(cosigned).toMatchObject({ status: 'accepted', code: null });
    // A retry of the same command sends the same envelope: the first result, nothing applied twice.
    const head = server.store.head().seq;
    const again = await b.sender.send(REGION, 'normal', { kind: 'emergency.cosign', proposalId: proposed.commandId }, cosigned.commandId);
    expect(again).toEqual(cosigned);
    expect(server.store.head().seq).toBe(head);

    for (const o of [a, b]) {
      await waitFor(() => cursorOf(o) >= (cosigned.seq ?? Infinity), 'the level change on the replica');
      const state = stateOf(o);
      expect(state.levels).toEqual([
        expect.objectContaining({
          region: REGION,
          level: 'II',
          plan: '防汛Ⅱ级应急预案',
          activatedBy: [a.sender.identity.subject, b.sender.identity.subject],
          breakGlass: false,
          countersignedBy: null,
        }),
      ]);
      expect(state.proposals[0]).toMatchObject({ id: proposed.commandId, status: 'confirmed', closedBy: b.sender.identity.subject });
    }
  });

  it('a national commander breaks the glass for level I; a duty officer countersigns it', async () => {
    const raised = await commander.sender.send(REGION, 'II', { kind: 'emergency.break-glass', plan: '特大洪水Ⅰ级响应', reason: '城陵矶站溃堤' });
    expect(raised).toMatchObject({ status: 'accepted' });
    await waitFor(() => cursorOf(b) >= (raised.seq ?? Infinity), 'level I on B’s replica');
    expect(stateOf(b).levels).toEqual([
      expect.objectContaining({ level: 'I', breakGlass: true, countersignedBy: null, activatedBy: [commander.sender.identity.subject] }),
    ]);
    const self = await commander.sender.send(REGION, null, { kind: 'emergency.countersign' });
    expect(self).toMatchObject({ status: 'refused', code: 'same-officer' });
    const countersigned = await b.sender.send(REGION, null, { kind: 'emergency.countersign' });
    expect(countersigned).toMatchObject({ status: 'accepted' });
    await waitFor(() => cursorOf(a) >= (countersigned.seq ?? Infinity), 'the countersignature on A’s replica');
    expect(stateOf(a).levels).toEqual([expect.objectContaining({ level: 'I', breakGlass: false, countersignedBy: b.sender.identity.subject })]);
  });

  it('a command that expects a level the region has left is refused as stale', async () => {
    const stale = await a.sender.send(REGION, 'normal', { kind: 'emergency.propose', toLevel: 'IV', plan: '演练', reason: '比较并设置' });
    expect(stale).toMatchObject({ status: 'refused', code: 'stale-level' });
  });
});
