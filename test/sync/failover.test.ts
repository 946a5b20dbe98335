import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventReader } from '../../src/core/log/event-rows';
import { spkiPin } from '../../src/core/pki';
import type { RegionalServer } from '../../src/core/regional/regional-server';
import { regionStateHash } from '../../src/core/replica/state-hash';
import { directSink } from '../../src/core/sync/direct-sink';
import { RegionLink } from '../../src/core/sync/region-link';
import type { LinkState } from '../../src/shared/contract/sync-schemas';
import { TestNetwork } from './network';
import { issueDraft } from './support/drafts';
import { inspectReplica } from './support/reference';
import { waitFor } from './support/wait';

/*
 * Two regional servers of one region over the same log (one encrypted store file, opened by
 * both; SQLite's WAL lets them share it), each with its own server certificate. The client
 * lists both; when the one in use stops, it carries on from the other, from its own cursor.
 */
const REGION = '430000';
let net: TestNetwork;
let first: RegionalServer;
let second: RegionalServer;
let pins: string[];
let client: ReturnType<TestNetwork['identity']>;

beforeAll(async () => {
  net = new TestNetwork();
  const p12s = ['failover-a', 'failover-b'].map((name) => net.issue({ kind: 'server', region: REGION, name }));
  pins = p12s.map((p12) => spkiPin(net.identity(p12).chainPem[0] as string));
  client = net.identity(net.issue({ kind: 'client', region: REGION, role: 'duty-officer', name: 'failover-officer' }));
  const dataDir = net.seededStore(REGION);
  first = await net.server(REGION, dataDir, { identityFile: p12s[0] as string });
  second = await net.server(REGION, dataDir, { identityFile: p12s[1] as string });
});

afterAll(async () => net?.close());

/** Records `count` movements through `server`'s own store, as its local operators would. */
function appendThrough(server: RegionalServer, label: string, count: number): number[] {
  const seqs: number[] = [];
  for (let i = 0; i < count; i++) {
    const result = server.store.append(`failover-${label}-${i}`, issueDraft(server.store.replica.db, REGION, { recipient: `${label}-${i}` }));
    if (result.status !== 'accepted') throw new Error(`append through ${label} refused: ${result.reason}`);
    seqs.push(result.seq);
    server.notifyAppended();
  }
  return seqs;
}

describe('failover between two servers of one region sharing its log', () => {
  it('continues from the other server with nothing lost or doubled', async () => {
    expect(first.url).not.toBe(second.url);
    expect(first.store.head()).toEqual(second.store.head());
    const replica = net.replica();
    const states: LinkState[] = [];
    const link = new RegionLink({
      region: REGION,
      urls: [first.url, second.url],
      pins,
      identity: client,
      rootPem: net.rootPem,
      sink: directSink(replica),
      clientId: 'failover-client',
      onState: (s) => states.push(s),
      log: (line) => net.logs.push(`link: ${line}`),
      // Short, still random backoff: the test waits on states, not on time.
      random: () => Math.random() * 0.2,
    });
    link.start();
    try {
      await link.whenLive();
      expect(link.current.server).toBe(first.url);

      // Live through the first server.
      const viaFirst = appendThrough(first, 'first', 3);
      await waitFor(() => link.current.cursor === viaFirst.at(-1), 'the first server\'s movements on the replica');

      // More through the first, then it stops at once: the client may or may not have them yet.
      const unsent = appendThrough(first, 'first-late', 3);
      const stoppedAt = link.current.cursor;
      await first.close();
      await waitFor(() => link.current.server === second.url && link.current.status === 'live', 'the link to go live on the second server');
      expect(states.some((s) => s.status === 'stale')).toBe(true);
      expect(link.current.cursor).toBe(unsent.at(-1));
      expect(stoppedAt).toBeLessThanOrEqual(link.current.cursor);

      // Live through the second server, which appends onto the same chain.
      const viaSecond = appendThrough(second, 'second', 3);
      expect(viaSecond[0]).toBe((unsent.at(-1) as number) + 1);
      await waitFor(() => link.current.cursor === viaSecond.at(-1), 'the second server\'s movements on the replica');
    } finally {
      await link.stop();
    }

    const head = second.store.head();
    const seen = inspectReplica(replica.db, REGION);
    expect(seen.integrity).toBe('ok');
    expect(seen.cursor).toBe(head.seq);
    expect(replica.projector.headOf(REGION)).toEqual(head);
    // Every seq once: as many events as the head, gap-free, each the server's own.
    expect(seen.events).toBe(head.seq);
    const local = createEventReader(replica.db).from(REGION, 1, head.seq + 10);
    const served = createEventReader(second.store.replica.db).from(REGION, 1, head.seq + 10);
    expect(local.map((e) => e.seq)).toEqual(Array.from({ length: head.seq }, (_, i) => i + 1));
    expect(local.map((e) => e.hash)).toEqual(served.map((e) => e.hash));
    expect(regionStateHash(replica.db, REGION)).toBe(second.store.stateHash());
    const recipients = replica.db
      .prepare<[string], string>("SELECT json_extract(payload, '$.recipient') FROM events WHERE region = ? AND json_extract(payload, '$.recipient') LIKE '%-_' ORDER BY seq")
      .pluck()
      .all(REGION);
    expect(recipients).toEqual(['first-0', 'first-1', 'first-2', 'first-late-0', 'first-late-1', 'first-late-2', 'second-0', 'second-1', 'second-2']);
  });
});
