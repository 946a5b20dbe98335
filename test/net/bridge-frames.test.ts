import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserServer, type BrowserServer } from '../../src/main/browser/browser-server';
import { createDispatcher, type HostHandlers } from '../../src/main/host/dispatcher';
import { HostEventHub } from '../../src/main/host/host-events';
import { BRIDGE_MAX_FRAME_BYTES } from '../../src/shared/contract/bridge-frames';

/*
 * Frames ws itself refuses (invalid UTF-8, over the 1 MiB limit) from a page that holds the
 * token and the origin: the host tells the page why, closes that socket, logs it, and goes on
 * answering calls. On the old bridge each of these was an unheard 'error' that ended the process.
 */
const stats = { depots: 3, lots: 4, events: 5, categories: 1, regions: [], chainHead: 'h' };
const handlers = { 'replica:stats': () => stats } as unknown as HostHandlers;

let dir: string;
let server: BrowserServer;
const log: string[] = [];
const uncaught: unknown[] = [];
const onUncaught = (err: unknown) => uncaught.push(err);

beforeAll(async () => {
  process.on('uncaughtException', onUncaught);
  dir = mkdtempSync(join(tmpdir(), 'inrs-bridge-frames-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>INRS</title>');
  let origin = '';
  const dispatch = createDispatcher(handlers, { isTrustedSender: (s) => s.origin === origin });
  server = await startBrowserServer({ rendererDir: dir, port: 0, dispatch, events: new HostEventHub(), log: (l) => log.push(l), token: 'frames-token' });
  origin = server.origin;
});

afterAll(async () => {
  process.off('uncaughtException', onUncaught);
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Seen {
  frames: { kind?: string; [k: string]: unknown }[];
  closed: Promise<{ code: number }>;
}

async function connect(): Promise<{ ws: WebSocket; seen: Seen }> {
  const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/bridge?token=${server.token}`, { origin: server.origin });
  const frames: Seen['frames'] = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data)) as { kind?: string }));
  ws.on('error', () => undefined);
  const closed = new Promise<{ code: number }>((resolve) => ws.once('close', (code) => resolve({ code })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, seen: { frames, closed } };
}

async function nextCallAnswered(): Promise<void> {
  const { ws, seen } = await connect();
  ws.send(JSON.stringify({ kind: 'call', id: 1, channel: 'replica:stats' }));
  await expect.poll(() => seen.frames.length).toBe(1);
  expect(seen.frames[0]).toEqual({ kind: 'result', id: 1, result: { ok: true, value: stats } });
  ws.close();
}

describe('the bridge survives any frame', () => {
  it('a 2-byte invalid UTF-8 text frame: error "malformed", close 1007, logged, the host answers the next call', async () => {
    const { ws, seen } = await connect();
    ws.send(Buffer.from([0xc3, 0x28]), { binary: false });
    expect((await seen.closed).code).toBe(1007);
    expect(seen.frames).toEqual([{ kind: 'error', code: 'malformed', message: expect.stringMatching(/UTF-8/) }]);
    expect(log.some((l) => /^bridge: connection error: .*UTF-8.*WS_ERR_INVALID_UTF8/.test(l))).toBe(true);
    await nextCallAnswered();
    expect(uncaught).toEqual([]);
  });

  it(`a frame over ${BRIDGE_MAX_FRAME_BYTES} bytes: error "too-large" before the close (1009), logged, the host answers the next call`, async () => {
    const { ws, seen } = await connect();
    ws.send(JSON.stringify({ kind: 'call', id: 2, channel: 'replica:stats', request: 'x'.repeat(BRIDGE_MAX_FRAME_BYTES) }));
    expect((await seen.closed).code).toBe(1009);
    expect(seen.frames).toEqual([{ kind: 'error', code: 'too-large', message: `frame exceeds the ${BRIDGE_MAX_FRAME_BYTES}-byte limit` }]);
    expect(log.some((l) => /^bridge: connection error: .*WS_ERR_UNSUPPORTED_MESSAGE_LENGTH/.test(l))).toBe(true);
    await nextCallAnswered();
    expect(uncaught).toEqual([]);
  });

  it('a frame that is not JSON: error "malformed" with the reason, then close 1007', async () => {
    const { ws, seen } = await connect();
    ws.send('{not json');
    expect((await seen.closed).code).toBe(1007);
    expect(seen.frames).toEqual([{ kind: 'error', code: 'malformed', message: 'malformed frame: expected a JSON text frame' }]);
    await nextCallAnswered();
  });
});
