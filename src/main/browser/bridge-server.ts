import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  BRIDGE_MAX_FRAME_BYTES,
  BRIDGE_PATH,
  bridgeCallSchema,
  type BridgeServerFrame,
} from '../../shared/contract/bridge-frames';
import { guardSocket } from '../../core/net/ws-guard';
import type { Dispatch } from '../host/dispatcher';
import type { HostEventHub } from '../host/host-events';

export interface BridgeOptions {
  token: string;
  origin: () => string;
  dispatch: Dispatch;
  events: HostEventHub;
  log: (line: string) => void;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Carries the contract over a WebSocket for the browser host. Only a page of this host's
 * own origin holding the per-run token may connect; every call goes through the dispatcher.
 */
export function createBridge(options: BridgeOptions) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: BRIDGE_MAX_FRAME_BYTES });
  const sockets = new Set<WebSocket>();

  const send = (ws: WebSocket, frame: BridgeServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  const unsubscribe = options.events.subscribe((name, payload) => {
    for (const ws of sockets) send(ws, { kind: 'event', name, payload });
  });

  /** Tells the page why, logs it, and closes: nothing of the frame is dispatched. */
  const refuseFrame = (ws: WebSocket, code: number, reason: string) => {
    options.log(`bridge: closed a connection: ${reason}`);
    send(ws, { kind: 'error', code: 'malformed', message: reason });
    ws.close(code, reason);
  };

  const onConnection = (ws: WebSocket, origin: string) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    // An oversized frame or invalid UTF-8 is an 'error' on the socket; unheard, it ends the host.
    guardSocket(ws, {
      label: 'bridge',
      log: options.log,
      errorFrame: (code, message) =>
        JSON.stringify({
          kind: 'error',
          code,
          message: code === 'too-large' ? `frame exceeds the ${BRIDGE_MAX_FRAME_BYTES}-byte limit` : `malformed frame: ${message}`,
        } satisfies BridgeServerFrame),
    });
    ws.on('message', async (data, isBinary) => {
      let frame: unknown;
      try {
        if (isBinary) throw new Error('binary frame');
        frame = JSON.parse(data.toString());
      } catch {
        refuseFrame(ws, 1007, 'malformed frame: expected a JSON text frame');
        return;
      }
      const call = bridgeCallSchema.safeParse(frame);
      if (!call.success) {
        refuseFrame(ws, 1008, 'malformed frame: not a call');
        return;
      }
      const { id, channel, request } = call.data;
      const result = await options.dispatch(channel, request, { origin, topFrame: true });
      send(ws, { kind: 'result', id, result });
    });
  };

  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== BRIDGE_PATH) return refuse(socket, 404, 'Not Found');
      const origin = req.headers.origin ?? '';
      if (origin !== options.origin()) {
        options.log(`bridge: refused a connection from origin ${origin || '(none)'}`);
        return refuse(socket, 403, 'Forbidden');
      }
      if (!sameSecret(url.searchParams.get('token') ?? '', options.token)) {
        options.log('bridge: refused a connection with a wrong token');
        return refuse(socket, 401, 'Unauthorized');
      }
      wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, origin));
    },
    async close(): Promise<void> {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
