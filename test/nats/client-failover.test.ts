import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventReader } from '../../src/core/log/event-rows';
import { regionStateHash } from '../../src/core/replica/state-hash';
import { directSink } from '../../src/core/sync/direct-sink';
import { RegionLink } from '../../src/core/sync/region-link';
import type { RegionalServer } from '../../src/core/regional/regional-server';
import { PROTOCOL_VERSION } from '../../src/shared/protocol/frames';
import { CommandClient } from '../commands/support/command-client';
import { RawClient } from '../sync/support/raw-client';
import { commandNet, REGION, type CommandNet } from '../commands/support/officers';
import { issueDraft } from '../sync/support/drafts';
import { waitFor } from '../sync/support/wait';
import { describeWithNats, NATS_SERVER, startNatsCluster } from './nats-cluster';

/*
 * A workstation whose sync config lists two servers of Hunan, each with its own data folder,
 * both on one JetStream stream: the server it syncs from stops, it goes on from the other with
 * the cursor it had (one seq space), nothing lost or doubled.
 */
const dir = mkdtempSync(join(tmpdir(), 'inrs-nats-failover-'));
let cluster: Awaited<ReturnType<typeof startNatsCluster>>;
let cn: CommandNet;
let second: RegionalServer;

beforeAll(async () => {
  if (!NATS_SERVER) return;
  cluster = await startNatsCluster(dir);
  await cluster.ready();
  cn = await commandNet({ logUrl: cluster.url });
  second = await cn.net.server(REGION, cn.net.seededStore(REGION), { logUrl: cluster.url });
}, 60_000);

afterAll(async () => {
  await cn?.net.close();
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** `count` movements by the depot operator through `server`; their seqs. */
async function movements(server: RegionalServer, label: string, count: number): Promise<number[]> {
  const client = await CommandClient.connect({ ...cn, server }, cn.operator);
  try {
    const seqs: number[] = [];
    for (let i = 0; i < count; i++) {
      const id = `failover-${label}-${i}`;
      const result = await client.command(id, { type: 'command', commandId: id, kind: 'record-event', draft: issueDraft(server.store.replica.db, REGION, { depot: cn.operatorDepot, recipient: `${label}-${i}` }) });
      if (result.status !== 'accepted') throw new Error(`${id} refused: ${result.reason}`);
      seqs.push(result.seq ?? -1);
    }
    return seqs;
  } finally {
    client.close();
  }
}

describeWithNats('client failover across two servers of one JetStream stream', () => {
  it('continues from the other server with the same cursor, nothing lost or doubled', async () => {
    const first = cn.server;
    const replica = cn.net.replica();
    const link = new RegionLink({
      region: REGION,
      urls: [first.url, second.url],
      identity: cn.net.clientIdentity('duty-officer', REGION),
      rootPem: cn.net.rootPem,
      sink: directSink(replica),
      clientId: 'nats-failover-client',
      onState: () => undefined,
      log: (line) => cn.net.logs.push(`link: ${line}`),
      random: () => Math.random() * 0.2,
    });
    link.start();
    try {
      await link.whenLive();
      expect(link.current.server).toBe(first.url);
      // Through both servers while the workstation syncs from the first: the first serves the second's too.
      const viaFirst = await movements(first, 'first', 3);
      const viaSecond = await movements(second, 'second', 3);
      await waitFor(() => link.current.cursor === Math.max(...viaFirst, ...viaSecond), 'every movement on the workstation through the first server');

      // More through the first, which then stops at once; the second may not have projected them yet.
      const late = await movements(first, 'first-late', 3);
      const cursorAtStop = link.current.cursor;
      await first.close();
      await waitFor(() => link.current.server === second.url && link.current.status === 'live', 'the link live on the second server');
      expect(link.current.cursor).toBeGreaterThanOrEqual(cursorAtStop);
      await waitFor(() => link.current.cursor === late.at(-1), 'the late movements on the workstation');

      const after = await movements(second, 'second-after', 3);
      expect(after[0]).toBe((late.at(-1) ?? 0) + 1);
      await waitFor(() => link.current.cursor === after.at(-1), 'the second server\'s movements on the workstation');
    } finally {
      await link.stop();
    }
    const head = second.store.head();
    expect(replica.projector.headOf(REGION)).toEqual(head);
    const local = createEventReader(replica.db).from(REGION, 1, head.seq + 10);
    expect(local.map((e) => e.seq)).toEqual(Array.from({ length: head.seq }, (_, i) => i + 1));
    expect(local.map((e) => e.hash)).toEqual(createEventReader(second.store.replica.db).from(REGION, 1, head.seq + 10).map((e) => e.hash));
    expect(regionStateHash(replica.db, REGION)).toBe(second.store.stateHash());
  }, 60_000);

  it('a client whose cursor is past a server\'s projection is served once that server has read the stream, not refused as ahead', async () => {
    // A server that would not follow the stream on its own for a minute.
    const lagging = await cn.net.server(REGION, cn.net.seededStore(REGION), { logUrl: cluster.url, followMs: 60_000 });
    const moved = await movements(second, 'ahead', 2);
    const cursor = moved.at(-1) ?? 0;
    expect(lagging.store.head().seq).toBeLessThan(cursor);
    const raw = new RawClient(lagging.url, { rootPem: cn.net.rootPem, identity: cn.wall });
    try {
      await raw.open();
      raw.sendJson({ type: 'hello', protocol: PROTOCOL_VERSION, clientId: 'nats-ahead-client', schema: 5, cursors: { [REGION]: cursor } });
      const welcome = await raw.frame('welcome');
      expect(welcome.headSeq).toBeGreaterThanOrEqual(cursor);
      expect(lagging.store.hashAt(cursor)).toBe(second.store.hashAt(cursor));
    } finally {
      raw.terminate();
    }
  }, 30_000);
});
