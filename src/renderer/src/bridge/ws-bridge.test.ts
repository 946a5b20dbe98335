import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from './connection-store';
import { BRIDGE_CALL_TIMEOUT_MS, BRIDGE_CLOSED_MESSAGE, BRIDGE_REFUSED_MESSAGE, createWsBridge } from './ws-bridge';

/** Stands in for the browser's WebSocket, which Node's test runner does not provide. */
class FakeSocket {
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  accept() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  reply(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  lastCall(): { id: number; channel: string; request?: unknown } {
    return JSON.parse(this.sent.at(-1) ?? 'null');
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const states: ConnectionState[] = [];
  const bridge = createWsBridge({
    url: 'ws://127.0.0.1:1/bridge?token=t',
    connect: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
    onState: (s) => states.push(s),
  });
  const socket = (i = sockets.length - 1): FakeSocket => {
    const s = sockets[i];
    if (!s) throw new Error(`no socket ${i}`);
    return s;
  };
  return { bridge, sockets, states, socket };
}

describe('browser host WebSocket bridge', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('queues calls until the socket opens and correlates results by id', async () => {
    const { bridge, socket, states } = setup();
    const first = bridge.invoke('replica:stats', undefined);
    const second = bridge.invoke('depots:search', { query: '长沙' });
    expect(socket().sent).toHaveLength(0);
    socket().accept();
    expect(states.at(-1)).toEqual({ status: 'open' });
    const [a, b] = socket().sent.map((f) => JSON.parse(f));
    expect(a).toMatchObject({ kind: 'call', channel: 'replica:stats' });
    expect(b).toMatchObject({ kind: 'call', channel: 'depots:search', request: { query: '长沙' } });
    socket().reply({ kind: 'result', id: b.id, result: { ok: true, value: ['B'] } });
    socket().reply({ kind: 'result', id: a.id, result: { ok: false, error: { code: 'replica-unavailable', message: 'x' } } });
    await expect(second).resolves.toEqual({ ok: true, value: ['B'] });
    await expect(first).resolves.toEqual({ ok: false, error: { code: 'replica-unavailable', message: 'x' } });
  });

  it('delivers host events to subscribers until they unsubscribe', () => {
    const { bridge, socket } = setup();
    socket().accept();
    const seen: unknown[] = [];
    const off = bridge.subscribe('replica:changed', (p) => seen.push(p));
    socket().reply({ kind: 'event', name: 'replica:changed', payload: { regions: ['430000'] } });
    socket().reply({ kind: 'event', name: 'something:else', payload: 1 });
    off();
    socket().reply({ kind: 'event', name: 'replica:changed', payload: { regions: [] } });
    expect(seen).toEqual([{ regions: ['430000'] }]);
  });

  it('reports a socket that never opened as refused and fails its calls', async () => {
    const { bridge, socket, states } = setup();
    const call = bridge.invoke('replica:stats', undefined);
    socket().drop(1006);
    expect(states.at(-1)).toEqual({ status: 'refused', code: 1006 });
    await expect(call).resolves.toEqual({ ok: false, error: { code: 'not-connected', message: BRIDGE_REFUSED_MESSAGE } });
    await expect(bridge.invoke('replica:stats', undefined)).resolves.toMatchObject({ ok: false });
    vi.advanceTimersByTime(60_000);
    expect(states.at(-1)?.status).toBe('refused');
  });

  it('fails in-flight calls when an open socket drops, then reconnects with backoff', async () => {
    const { bridge, socket, sockets, states } = setup();
    socket().accept();
    const call = bridge.invoke('replica:stats', undefined);
    socket().drop(1001);
    expect(states.at(-1)).toEqual({ status: 'closed', code: 1001, attempt: 1 });
    await expect(call).resolves.toEqual({ ok: false, error: { code: 'not-connected', message: BRIDGE_CLOSED_MESSAGE } });
    await expect(bridge.invoke('replica:stats', undefined)).resolves.toMatchObject({ ok: false });

    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    socket().drop(1006);
    expect(states.at(-1)).toEqual({ status: 'closed', code: 1006, attempt: 2 });
    vi.advanceTimersByTime(2000);
    socket().accept();
    expect(states.at(-1)).toEqual({ status: 'open' });
    const again = bridge.invoke('replica:stats', undefined);
    socket().reply({ kind: 'result', id: socket().lastCall().id, result: { ok: true, value: 1 } });
    await expect(again).resolves.toEqual({ ok: true, value: 1 });
  });

  it('retries on demand after a refusal', () => {
    const { bridge, socket, sockets, states } = setup();
    socket().drop(1006);
    bridge.retry();
    expect(states.at(-1)).toEqual({ status: 'connecting' });
    expect(sockets).toHaveLength(2);
    socket().accept();
    expect(states.at(-1)).toEqual({ status: 'open' });
  });

  it('refuses a request larger than a bridge frame without sending it', async () => {
    const { bridge, socket } = setup();
    socket().accept();
    const huge = { query: 'x'.repeat(2 * 1024 * 1024) } as unknown as { query: string };
    await expect(bridge.invoke('depots:search', huge)).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(socket().sent).toHaveLength(0);
  });

  it('answers the calls in flight with the host’s reason when it refuses a frame', async () => {
    const { bridge, socket } = setup();
    socket().accept();
    const call = bridge.invoke('replica:stats', undefined);
    socket().reply({ kind: 'error', code: 'too-large', message: 'frame exceeds the 1048576-byte limit' });
    await expect(call).resolves.toEqual({ ok: false, error: { code: 'not-connected', message: 'bridge: the host refused a frame: frame exceeds the 1048576-byte limit' } });
  });

  it('ignores malformed frames', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { socket } = setup();
    socket().accept();
    socket().onmessage?.({ data: 'not json' });
    socket().reply({ kind: 'result', id: 'x', result: {} });
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('keeps an error result whole: code, message and details', async () => {
    const { bridge, socket } = setup();
    socket().accept();
    const call = bridge.invoke('replica:stats', undefined);
    const error = { code: 'replica-unavailable', message: '/r.db: wrong key', details: { cause: 'wrong-key', file: '/r.db' } };
    socket().reply({ kind: 'result', id: socket().lastCall().id, result: { ok: false, error } });
    await expect(call).resolves.toEqual({ ok: false, error });
  });

  it('answers a call whose reply is garbage with bad-response instead of leaving it waiting', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { bridge, socket } = setup();
    socket().accept();
    const call = bridge.invoke('replica:stats', undefined);
    socket().reply({ kind: 'result', id: socket().lastCall().id, result: { ok: false, error: 'boom' } });
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'bad-response' } });
    warn.mockRestore();
  });

  it('keeps a host code this page does not know as the cause of a bad-response', async () => {
    const { bridge, socket } = setup();
    socket().accept();
    const call = bridge.invoke('replica:stats', undefined);
    socket().reply({ kind: 'result', id: socket().lastCall().id, result: { ok: false, error: { code: 'quota-exceeded', message: 'm', details: { n: 3 } } } });
    await expect(call).resolves.toEqual({ ok: false, error: { code: 'bad-response', message: 'm', details: { n: 3, cause: 'quota-exceeded' } } });
  });

  it('answers a call with no reply with timeout', async () => {
    const { bridge, socket } = setup();
    socket().accept();
    const call = bridge.invoke('replica:stats', undefined);
    socket().onmessage?.({ data: '\u0000garbage' });
    vi.advanceTimersByTime(BRIDGE_CALL_TIMEOUT_MS);
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'timeout' } });
  });

  it('answers not-connected when the socket throws on send', async () => {
    const { bridge, socket } = setup();
    socket().accept();
    socket().send = () => {
      throw new Error('InvalidStateError');
    };
    await expect(bridge.invoke('replica:stats', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'not-connected' } });
  });
});
