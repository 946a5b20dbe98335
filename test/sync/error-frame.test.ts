import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionalServer } from '../../src/core/regional/regional-server';
import { directSink } from '../../src/core/sync/direct-sink';
import { RegionLink } from '../../src/core/sync/region-link';
import { linkStateSchema } from '../../src/shared/contract/sync-schemas';
import { parseFrame, serverFrameSchema } from '../../src/shared/protocol/frames';
import { TestNetwork } from './network';
import { waitFor } from './support/wait';

/* The regional server's error frame carries the one error shape to the sync client, details included. */
const REGION = '430000';
let net: TestNetwork;
let server: RegionalServer;

beforeAll(async () => {
  net = new TestNetwork();
  const p12 = net.issue({ kind: 'server', region: REGION, name: 'error-frame-server' });
  server = await net.server(REGION, net.seededStore(REGION), { identityFile: p12 });
});

afterAll(async () => net?.close());

describe('server error frame → sync client', () => {
  it('an error frame parses with details, and without them as older servers send it', () => {
    const withDetails = { type: 'error', code: 'ahead-of-server', message: 'm', details: { cursor: 9, head: 3 } };
    expect(parseFrame(serverFrameSchema, JSON.stringify(withDetails))).toEqual({ ok: true, frame: withDetails });
    const old = { type: 'error', code: 'malformed', message: 'm' };
    expect(parseFrame(serverFrameSchema, JSON.stringify(old))).toEqual({ ok: true, frame: old });
    const nested = { ...withDetails, details: { deep: { no: 1 } } };
    expect(parseFrame(serverFrameSchema, JSON.stringify(nested))).toMatchObject({ ok: false, code: 'malformed' });
  });

  it("the link keeps the server's error whole: code, message and details", async () => {
    const replica = net.replica();
    const head = server.store.head().seq;
    const link = new RegionLink({
      region: REGION,
      urls: [server.url],
      identity: net.clientIdentity('duty-officer', REGION),
      rootPem: net.rootPem,
      // A replica that claims more of the log than the server has.
      sink: { ...directSink(replica), cursor: async () => head + 5 },
      clientId: 'error-frame-client',
      onState: () => {},
      log: () => {},
      random: () => 0.1,
    });
    link.start();
    try {
      await waitFor(() => link.current.serverError != null, 'the server error on the link');
      expect(link.current.serverError).toEqual({
        code: 'ahead-of-server',
        message: `client cursor ${head + 5} is ahead of this server's head ${head}`,
        details: { cursor: head + 5, head },
      });
      expect(linkStateSchema.parse(link.current).serverError).toEqual(link.current.serverError);
    } finally {
      await link.stop();
    }
  });
});

describe('regional store refusals carry their code', () => {
  it('a draft failing its schema is malformed, also when the command is retried; a draft for another region is rejected', () => {
    const first = server.store.append('error-shape-malformed-1', { type: 'stock.received' });
    expect(first).toMatchObject({ status: 'refused', code: 'malformed' });
    expect(server.store.append('error-shape-malformed-1', { type: 'stock.received' })).toEqual(first);
    const draft = { ...(server.store.eventsFrom(1, 1)[0] as object), region: '110000' };
    expect(server.store.record(draft, new Date())).toMatchObject({ status: 'refused', code: 'rejected' });
  });
});
