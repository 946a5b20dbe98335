import {
  hostEventNames,
  type ErrorCode,
  type Invoke,
  type Result,
  type Subscribe,
} from '../../../shared/contract';
import { BRIDGE_MAX_FRAME_BYTES, type BridgeCall } from '../../../shared/contract/bridge-frames';
import type { ConnectionState } from './connection-store';
import { parseServerFrame } from './server-frame';

const OPEN = 1;
const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000];
/** A call with no reply by then is answered `timeout`; long ones (briefing, dispatch) report progress well within it. */
export const BRIDGE_CALL_TIMEOUT_MS = 5 * 60_000;

export const BRIDGE_REFUSED_MESSAGE = 'bridge: the host refused the connection';
export const BRIDGE_CLOSED_MESSAGE = 'bridge: the connection to the host is closed';

export interface WsBridgeOptions {
  url: string;
  connect: (url: string) => WebSocket;
  onState: (state: ConnectionState) => void;
  callTimeoutMs?: number;
}

export interface WsBridge {
  invoke: Invoke;
  subscribe: Subscribe;
  /** Reconnects now instead of waiting for the next scheduled attempt. */
  retry(): void;
  dispose(): void;
}

const failure = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });
const byteLength = (text: string): number => new TextEncoder().encode(text).length;

/**
 * The browser host's transport: calls are correlated by id, `event` frames go to the
 * subscribers. Calls made while connecting wait for the socket; calls made while it is
 * down fail at once with `not-connected`, and the connection state tells the UI why.
 * `invoke` never rejects: a closed socket, a reply that cannot be read or none in time is
 * an `{ok: false}` result like any other.
 */
export function createWsBridge(options: WsBridgeOptions): WsBridge {
  let socket: WebSocket | null = null;
  let state: ConnectionState = { status: 'connecting' };
  let everOpened = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  let nextId = 1;
  const callTimeoutMs = options.callTimeoutMs ?? BRIDGE_CALL_TIMEOUT_MS;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const outbox: string[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const setState = (next: ConnectionState): void => {
    state = next;
    options.onState(next);
  };

  const failPending = (message: string): void => {
    outbox.length = 0;
    const waiting = [...pending.values()];
    pending.clear();
    for (const resolve of waiting) resolve(failure('not-connected', message));
  };

  const onFrame = (data: unknown): void => {
    const frame = parseServerFrame(data);
    if (!frame) {
      console.warn('bridge: ignored a malformed frame from the host');
      return;
    }
    if (frame.kind === 'result' || frame.kind === 'unreadable-result') {
      const resolve = pending.get(frame.id);
      if (!resolve) return;
      pending.delete(frame.id);
      resolve(frame.kind === 'result' ? frame.result : failure('bad-response', `bridge: the host's reply to call ${frame.id} cannot be read`));
      return;
    }
    if (frame.kind === 'error') {
      // The host closes the socket next; the calls in flight are answered here with its reason.
      failPending(`bridge: the host refused a frame: ${frame.message}`);
      return;
    }
    for (const listener of [...(listeners.get(frame.name) ?? [])]) {
      try {
        listener(frame.payload);
      } catch (error) {
        console.error('bridge: an event listener failed', error);
      }
    }
  };

  const open = (): void => {
    clearTimeout(timer);
    timer = undefined;
    const ws = options.connect(options.url);
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      everOpened = true;
      attempt = 0;
      setState({ status: 'open' });
      for (const frame of outbox.splice(0)) ws.send(frame);
    };
    ws.onmessage = (event) => {
      if (socket === ws) onFrame(event.data);
    };
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = null;
      if (disposed) return;
      // The host refuses a bad token or origin before the upgrade, so a socket that never
      // opened on first contact is a refusal; one that dropped later is worth retrying.
      if (!everOpened) {
        failPending(BRIDGE_REFUSED_MESSAGE);
        setState({ status: 'refused', code: event.code });
        return;
      }
      failPending(BRIDGE_CLOSED_MESSAGE);
      attempt += 1;
      setState({ status: 'closed', code: event.code, attempt });
      const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length) - 1] ?? 15000;
      timer = setTimeout(open, delay);
    };
  };

  const send = (id: number, channel: string, frame: string, resolve: (result: Result<unknown>) => void): void => {
    const timeout = setTimeout(() => {
      if (!pending.delete(id)) return;
      resolve(failure('timeout', `bridge: no reply to ${channel} within ${Math.round(callTimeoutMs / 1000)} s`));
    }, callTimeoutMs);
    pending.set(id, (result) => {
      clearTimeout(timeout);
      resolve(result);
    });
    if (socket?.readyState !== OPEN) return void outbox.push(frame);
    try {
      socket.send(frame);
    } catch (error) {
      pending.delete(id);
      clearTimeout(timeout);
      resolve(failure('not-connected', `bridge: ${channel} could not be sent: ${String(error)}`));
    }
  };

  const invoke: Invoke = (channel, request) =>
    new Promise((resolve) => {
      if (disposed || state.status === 'refused') return resolve(failure('not-connected', BRIDGE_REFUSED_MESSAGE));
      if (state.status === 'closed') return resolve(failure('not-connected', BRIDGE_CLOSED_MESSAGE));
      const id = nextId++;
      const call: BridgeCall = { kind: 'call', id, channel, request };
      let frame: string;
      try {
        frame = JSON.stringify(call);
      } catch {
        return resolve(failure('bad-request', `bridge: the request for ${channel} cannot be serialised`));
      }
      if (byteLength(frame) > BRIDGE_MAX_FRAME_BYTES) {
        return resolve(failure('bad-request', `bridge: the request for ${channel} exceeds the frame limit`));
      }
      send(id, channel, frame, resolve);
    });

  const subscribe: Subscribe = (name, listener) => {
    if (!hostEventNames.includes(name)) return () => {};
    const set = listeners.get(name) ?? new Set();
    listeners.set(name, set);
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };

  const retry = (): void => {
    if (disposed || socket) return;
    setState({ status: 'connecting' });
    open();
  };

  const dispose = (): void => {
    disposed = true;
    clearTimeout(timer);
    socket?.close(1000);
    socket = null;
    failPending(BRIDGE_CLOSED_MESSAGE);
  };

  setState({ status: 'connecting' });
  open();
  return { invoke, subscribe, retry, dispose };
}
