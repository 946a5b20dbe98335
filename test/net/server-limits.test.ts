import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionalServer } from '../../src/core/regional/regional-server';
import type { LinkIdentity } from '../../src/core/sync/region-link';
import { PROTOCOL_VERSION } from '../../src/shared/protocol/frames';
import { TestNetwork } from '../sync/network';
import { RawClient } from '../sync/support/raw-client';
import { waitFor } from '../sync/support/wait';

/*
 * A valid certificate flooding the server with junk commands, and idle sockets that never
 * authenticate: commands beyond the per-connection and per-certificate limits are refused
 * `rate-limited` and audited once per window with their count; unauthenticated connections
 * beyond the cap are closed at once, and idle ones when the handshake timeout passes.
 */
const REGION = '430000';
const WINDOW_MS = 2_000;
let net: TestNetwork;
let server: RegionalServer;
let wall: LinkIdentity;
const clients: RawClient[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  net = new TestNetwork();
  const serverP12 = net.issue({ kind: 'server', region: REGION, name: 'limits-server' });
  wall = net.identity(net.issue({ kind: 'client', region: REGION, role: 'wall', name: 'flooding-wall' }));
  server = await net.server(REGION, net.seededStore(REGION), {
    identityFile: serverP12,
    commandRate: { perConnection: 10, perCertificate: 15, windowMs: WINDOW_MS },
    pendingLimit: 8,
    handshakeTimeoutMs: 1_000,
  });
});

afterAll(async () => {
  for (const client of clients) client.terminate();
  for (const socket of sockets) socket.destroy();
  await net?.close();
});

async function greeted(): Promise<RawClient> {
  const client = new RawClient(server.url, { rootPem: net.rootPem, identity: wall });
  clients.push(client);
  await client.open();
  client.sendJson({ type: 'hello', protocol: PROTOCOL_VERSION, clientId: 'limits', schema: 3, cursors: { [REGION]: server.store.head().seq } });
  await client.frame('welcome');
  return client;
}

let junk = 0;
function sendJunk(client: RawClient, count: number): void {
  for (let i = 0; i < count; i++) client.sendJson({ type: 'command', commandId: `junk-command-${String(junk++).padStart(6, '0')}`, kind: 'record-event', draft: { junk: true } });
}

const results = (client: RawClient) => client.frames.filter((f) => f.type === 'commandResult');
const codes = (client: RawClient) => results(client).map((f) => f.code);

describe('command rate limit', () => {
  it('per connection: 200 junk commands, 10 decided and audited, the rest refused rate-limited and audited once with their count', async () => {
    const audited = server.commands.ledger.auditRows().length;
    const client = await greeted();
    sendJunk(client, 200);
    await waitFor(() => results(client).length === 200, '200 command results');
    expect(codes(client).slice(0, 10).every((c) => c !== 'rate-limited')).toBe(true);
    expect(codes(client).slice(10)).toEqual(Array(190).fill('rate-limited'));
    expect(results(client)[10]?.reason).toMatch(/^this connection sends too many commands: over 10 commands in 2 s/);
    expect(server.commands.ledger.auditRows().length - audited).toBe(10);
    // The window's refusals, audited once when it ends.
    await waitFor(() => server.commands.ledger.auditRows().length - audited === 11, 'the rate-limit audit row', WINDOW_MS + 5_000);
    const row = server.commands.ledger.auditRows().at(-1);
    expect(row).toMatchObject({ kind: 'rate-limit', status: 'refused', code: 'rate-limited', peerSubject: expect.stringContaining('flooding-wall') });
    expect(row?.reason).toMatch(/^190 command\(s\) refused from /);
    expect(net.logs.filter((l) => l.startsWith('rate limit: ')).length).toBe(1);
    // The next window allows commands again.
    sendJunk(client, 1);
    await waitFor(() => results(client).length === 201, 'the next result');
    expect(codes(client).at(-1)).not.toBe('rate-limited');
  }, 30_000);

  it('per certificate: two connections of one certificate share its limit', async () => {
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    const a = await greeted();
    const b = await greeted();
    sendJunk(a, 10);
    await waitFor(() => results(a).length === 10, 'the first connection’s results');
    sendJunk(b, 10);
    await waitFor(() => results(b).length === 10, 'the second connection’s results');
    expect(codes(a).filter((c) => c === 'rate-limited')).toEqual([]);
    expect(codes(b).filter((c) => c === 'rate-limited').length).toBe(5);
    expect(results(b).find((f) => f.code === 'rate-limited')?.reason).toMatch(/^this certificate sends too many commands: over 15 commands/);
  }, 30_000);
});

describe('unauthenticated connections', () => {
  it('30 idle TCP sockets: those over the cap of 8 closed at once, the rest at the handshake timeout; a real client still served', async () => {
    const closed = new Set<number>();
    const port = Number(new URL(server.url).port);
    for (let i = 0; i < 30; i++) {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.on('close', () => closed.add(i));
      sockets.push(socket);
    }
    await waitFor(() => closed.size >= 22, '22 sockets closed over the cap', 5_000);
    await waitFor(() => closed.size === 30, 'every idle socket closed by the handshake timeout', 10_000);
    expect(net.logs.some((l) => l === 'turning connections away: 8 unauthenticated connections pending (the cap)')).toBe(true);
    const client = await greeted();
    client.sendJson({ type: 'ping', t: 5 });
    expect(await client.frame('pong')).toEqual({ type: 'pong', t: 5 });
  }, 30_000);
});
