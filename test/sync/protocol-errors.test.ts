import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionalServer } from '../../src/core/regional/regional-server';
import type { LinkIdentity } from '../../src/core/sync/region-link';
import { MAX_FRAME_BYTES, PROTOCOL_VERSION, serverFrameSchema } from '../../src/shared/protocol/frames';
import { TestNetwork } from './network';
import { issueDraft } from './support/drafts';
import { RawClient } from './support/raw-client';
import { waitFor } from './support/wait';

/*
 * Frames the real link never sends, over a real mutual-TLS connection with a valid client
 * certificate: each gets a protocol error (an oversized frame or invalid UTF-8 also the
 * WebSocket close code) and nothing of it reaches the log. Then the role rules for recording, and the
 * idempotency of a command retried after its connection dropped.
 */
const REGION = '430000';
let net: TestNetwork;
let server: RegionalServer;
let officer: LinkIdentity;
let wall: LinkIdentity;
let operator: LinkIdentity;
let operatorDepot: string;
let otherDepot: string;
const clients: RawClient[] = [];

beforeAll(async () => {
  net = new TestNetwork();
  const serverP12 = net.issue({ kind: 'server', region: REGION, name: 'protocol-server' });
  const dataDir = net.seededStore(REGION);
  server = await net.server(REGION, dataDir, { identityFile: serverP12 });
  // Two depots of the region that both hold stock: the operator's own, and another.
  const depots = server.store.replica.db
    .prepare<[string], string>(
      `SELECT s.depot FROM lot_stock s JOIN depots d ON d.code = s.depot WHERE d.region = ? AND s.quantity > 10
       GROUP BY s.depot ORDER BY s.depot LIMIT 2`,
    )
    .pluck()
    .all(REGION);
  [operatorDepot = '', otherDepot = ''] = depots;
  expect(otherDepot).not.toBe('');
  // The region's intermediate exists since the server certificate: these need no CRL reload.
  officer = net.identity(net.issue({ kind: 'client', region: REGION, role: 'duty-officer', name: 'protocol-officer' }));
  wall = net.identity(net.issue({ kind: 'client', region: REGION, role: 'wall', name: 'wall-screen' }));
  operator = net.identity(net.issue({ kind: 'client', region: REGION, role: 'depot-operator', depot: operatorDepot, name: 'depot-operator' }));
});

afterAll(async () => {
  for (const client of clients) client.terminate();
  await net?.close();
});

async function connect(identity: LinkIdentity = officer): Promise<RawClient> {
  const client = new RawClient(server.url, { rootPem: net.rootPem, identity });
  clients.push(client);
  await client.open();
  return client;
}

const hello = (cursor?: number, protocol = PROTOCOL_VERSION) => ({
  type: 'hello',
  protocol,
  clientId: 'protocol-test',
  schema: 3,
  cursors: cursor === undefined ? {} : { [REGION]: cursor },
});

/** A client past hello and welcome, already at the head (so no events are in flight). */
async function greeted(identity: LinkIdentity = officer): Promise<RawClient> {
  const client = await connect(identity);
  client.sendJson(hello(server.store.head().seq));
  await client.frame('welcome');
  return client;
}

/** Expects exactly one protocol error frame of `code`, then the close with 1008 and the code. */
async function expectProtocolError(client: RawClient, code: string, message: RegExp) {
  const frame = await client.frame('error');
  expect(serverFrameSchema.safeParse(frame).success).toBe(true);
  expect(frame).toMatchObject({ type: 'error', code });
  expect(frame.message).toMatch(message);
  expect(net.logs.some((l) => l.endsWith(`: protocol error ${code}: ${String(frame.message)}`))).toBe(true);
  expect(await client.closedWithin()).toEqual({ code: 1008, reason: code });
  expect(client.frames.filter((f) => f.type === 'error')).toHaveLength(1);
}

describe('protocol errors over mutual TLS', () => {
  it('malformed JSON: error "malformed", nothing applied', async () => {
    const head = server.store.head();
    const client = await greeted();
    client.send('{"type":"command","commandId":"malformed-1","kind":"record-event","draft":');
    await expectProtocolError(client, 'malformed', /not valid UTF-8 JSON/);
    expect(server.store.head()).toEqual(head);
  });

  it('a frame failing the schema (command id too short): error "malformed", the draft in it not applied', async () => {
    const head = server.store.head();
    const client = await greeted();
    client.sendJson({ type: 'command', commandId: 'short', kind: 'record-event', draft: issueDraft(server.store.replica.db, REGION) });
    await expectProtocolError(client, 'malformed', /commandId/);
    expect(server.store.head()).toEqual(head);
  });

  it('an unknown frame type and a binary frame are malformed too', async () => {
    const unknown = await greeted();
    unknown.sendJson({ type: 'subscribe', region: REGION });
    await expectProtocolError(unknown, 'malformed', /type/);
    const binary = await greeted();
    binary.send(Buffer.from(JSON.stringify(hello(0))));
    await expectProtocolError(binary, 'malformed', /binary frames/);
  });

  it(`an oversized frame (> ${MAX_FRAME_BYTES} bytes): error "too-large", then close 1009, logged, nothing applied, the server unharmed`, async () => {
    const head = server.store.head();
    const client = await greeted();
    const draft = issueDraft(server.store.replica.db, REGION);
    const frame = JSON.stringify({ type: 'command', commandId: 'oversized-command-1', kind: 'record-event', draft: { ...draft, padding: 'x'.repeat(MAX_FRAME_BYTES) } });
    expect(Buffer.byteLength(frame)).toBeGreaterThan(MAX_FRAME_BYTES);
    client.send(frame);
    const closed = await client.closedWithin();
    expect(closed.code).toBe(1009);
    expect(client.frames.filter((f) => f.type === 'error')).toEqual([{ type: 'error', code: 'too-large', message: `frame exceeds the ${MAX_FRAME_BYTES}-byte limit` }]);
    await waitFor(() => net.logs.some((l) => /: connection error: Max payload size exceeded \(WS_ERR_UNSUPPORTED_MESSAGE_LENGTH\)$/.test(l)), 'the server to log the oversized frame');
    expect(client.frames.filter((f) => f.type === 'commandResult')).toEqual([]);
    expect(server.store.head()).toEqual(head);
    // The server goes on serving.
    const next = await greeted();
    next.sendJson({ type: 'ping', t: 1 });
    expect(await next.frame('pong')).toEqual({ type: 'pong', t: 1 });
  });

  it('a 2-byte invalid UTF-8 text frame: error "malformed", then close 1007, logged, the server unharmed', async () => {
    const head = server.store.head();
    const client = await greeted();
    client.ws.send(Buffer.from([0xc3, 0x28]), { binary: false });
    expect((await client.closedWithin()).code).toBe(1007);
    expect(client.frames.filter((f) => f.type === 'error')).toEqual([{ type: 'error', code: 'malformed', message: expect.stringMatching(/UTF-8/) }]);
    await waitFor(() => net.logs.some((l) => /: connection error: .*\(WS_ERR_INVALID_UTF8\)$/.test(l)), 'the server to log the invalid frame');
    expect(server.store.head()).toEqual(head);
    const next = await greeted();
    next.sendJson({ type: 'ping', t: 2 });
    expect(await next.frame('pong')).toEqual({ type: 'pong', t: 2 });
  });

  it('ack before hello: error "out-of-order"; a command before hello is not applied either', async () => {
    const ack = await connect();
    ack.sendJson({ type: 'ack', region: REGION, seq: 1 });
    await expectProtocolError(ack, 'out-of-order', /^ack before hello$/);

    const head = server.store.head();
    const command = await connect();
    command.sendJson({ type: 'command', commandId: 'before-hello-1', kind: 'record-event', draft: issueDraft(server.store.replica.db, REGION) });
    await expectProtocolError(command, 'out-of-order', /^command before hello$/);
    expect(server.store.head()).toEqual(head);
  });

  it('a second hello: error "out-of-order"', async () => {
    const client = await greeted();
    client.sendJson(hello(0));
    await expectProtocolError(client, 'out-of-order', /^second hello$/);
    expect(client.frames.filter((f) => f.type === 'welcome')).toHaveLength(1);
  });

  it('hello with another protocol version: error "incompatible" naming both versions', async () => {
    const client = await connect();
    client.sendJson(hello(0, PROTOCOL_VERSION + 1));
    await expectProtocolError(client, 'incompatible', new RegExp(`protocol ${PROTOCOL_VERSION + 1} is not supported; this server speaks protocol ${PROTOCOL_VERSION}`));
    expect(client.frames.filter((f) => f.type === 'welcome' || f.type === 'events')).toEqual([]);
  });

  it('an ack beyond what was sent: error "out-of-order"', async () => {
    const client = await connect();
    const head = server.store.head().seq;
    client.sendJson(hello(head - 10));
    const events = await client.frame('events');
    expect(events).toMatchObject({ region: REGION, fromSeq: head - 9 });
    client.sendJson({ type: 'ack', region: REGION, seq: head + 5 });
    await expectProtocolError(client, 'out-of-order', new RegExp(`ack ${head + 5} outside ${head - 10}…${head}`));
  });

  it('nothing after a protocol error is acted on, even frames already on the wire', async () => {
    const head = server.store.head();
    const client = await greeted();
    // Both frames leave in one burst: the command must not be applied once the session has failed.
    client.send('not json');
    client.sendJson({ type: 'command', commandId: 'after-error-1', kind: 'record-event', draft: issueDraft(server.store.replica.db, REGION) });
    await expectProtocolError(client, 'malformed', /not valid UTF-8 JSON/);
    expect(client.frames.filter((f) => f.type === 'commandResult')).toEqual([]);
    expect(server.store.head()).toEqual(head);
  });
});

describe('recording events: the server enforces the role matrix', () => {
  it('a wall certificate cannot record events', async () => {
    const head = server.store.head();
    const client = await greeted(wall);
    client.sendJson({ type: 'command', commandId: 'wall-command-1', kind: 'record-event', draft: issueDraft(server.store.replica.db, REGION) });
    const result = await client.frame('commandResult');
    expect(result).toMatchObject({
      commandId: 'wall-command-1',
      status: 'refused',
      code: 'role',
      reason: 'only the operator of a depot records its stock movements, not a wall',
      seq: null,
    });
    expect(server.store.head()).toEqual(head);
  });

  it('a depot operator records at their own depot, not at another', async () => {
    const client = await greeted(operator);
    const head = server.store.head().seq;
    client.sendJson({ type: 'command', commandId: 'operator-other-1', kind: 'record-event', draft: issueDraft(server.store.replica.db, REGION, { depot: otherDepot }) });
    expect(await client.frame('commandResult')).toMatchObject({
      status: 'refused',
      code: 'scope',
      reason: `the operator of depot ${operatorDepot} cannot record movements at depot ${otherDepot}`,
    });
    expect(server.store.head().seq).toBe(head);

    client.sendJson({ type: 'command', commandId: 'operator-own-1', kind: 'record-event', draft: issueDraft(server.store.replica.db, REGION, { depot: operatorDepot }) });
    await waitFor(() => client.frames.filter((f) => f.type === 'commandResult').length === 2, 'the second result');
    expect(client.frames.filter((f) => f.type === 'commandResult')[1]).toMatchObject({ commandId: 'operator-own-1', status: 'accepted', seq: head + 1 });
    const actor = server.store.replica.db.prepare<[string, number], string>('SELECT actor_subject FROM events WHERE region = ? AND seq = ?').pluck().get(REGION, head + 1);
    expect(actor).toBe('CN=depot-operator,OU=depot-operator,O=430000');
  });

  it('a command retried with the same id after the connection dropped is recorded once; the retry gets the first result', async () => {
    const commandId = 'retry-after-drop-0001';
    const draft = issueDraft(server.store.replica.db, REGION, { depot: operatorDepot, recipient: '重试测试' });
    const head = server.store.head().seq;

    // The command reaches the server, then the connection drops before the client reads the result.
    const first = await greeted(operator);
    const from = net.logs.length;
    first.sendJson({ type: 'command', commandId, kind: 'record-event', draft });
    await waitFor(() => net.logs.slice(from).some((l) => l.startsWith(`command ${commandId} `)), 'the server to decide the command');
    first.terminate();
    await first.closed;
    expect(server.store.head().seq).toBe(head + 1);

    // The client cannot know whether it was recorded: it reconnects and sends it again.
    const retry = await greeted(operator);
    retry.sendJson({ type: 'command', commandId, kind: 'record-event', draft });
    expect(await retry.frame('commandResult')).toEqual({ type: 'commandResult', commandId, status: 'accepted', reason: null, seq: head + 1 });
    // Even with another draft under the same id, the first result stands and nothing changes.
    retry.sendJson({ type: 'command', commandId, kind: 'record-event', draft: { ...draft, payload: { ...draft.payload, quantity: 2 } } });
    await waitFor(() => retry.frames.filter((f) => f.type === 'commandResult').length === 2, 'the second result');
    expect(retry.frames.filter((f) => f.type === 'commandResult')[1]).toEqual({ type: 'commandResult', commandId, status: 'accepted', reason: null, seq: head + 1 });
    expect(server.store.head().seq).toBe(head + 1);
    const recorded = server.store.replica.db
      .prepare<[string, number], number>("SELECT count(*) FROM events WHERE region = ? AND seq > ? AND json_extract(payload, '$.recipient') = '重试测试'")
      .pluck()
      .get(REGION, head);
    expect(recorded).toBe(1);
  });
});
