import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { PROTOCOL_VERSION } from '../../../src/shared/protocol/frames';
import type { TestNetwork } from '../../sync/network';

/** A signed command as the server received it (the frame's envelope, as sent). */
export interface ReceivedCommand {
  connection: number;
  commandId: string;
  envelope: unknown;
}

export type Answer = { status: 'accepted' | 'refused'; code?: string; reason: string | null; seq: number | null };

/** How the server decides a command it has not seen before; 'silent' never answers. */
export type Behaviour = (command: ReceivedCommand) => Answer | 'silent';

/**
 * A minimal regional endpoint on 127.0.0.1 with real mutual TLS 1.3 (certificates from the
 * project's PKI): hello → welcome, pong, and signed commands handled by `behaviour`. Like
 * the real server it applies a command id once and answers a retry with the first result.
 */
export async function startCommandServer(net: TestNetwork, region: string, behaviour: Behaviour) {
  const identity = net.identity(net.issue({ kind: 'server', region, name: `command-server-${region}` }));
  const server: Server = createServer({
    key: identity.keyPem,
    cert: identity.chainPem.join('\n'),
    ca: [net.rootPem],
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.3',
    maxVersion: 'TLSv1.3',
  });
  const wss = new WebSocketServer({ server });
  const received: ReceivedCommand[] = [];
  const results = new Map<string, Answer>();
  const sockets = new Set<WebSocket>();
  let connections = 0;
  /** Decide the next new command, then cut the connection before its answer goes out. */
  let loseNextAnswer = false;
  wss.on('connection', (ws) => {
    const connection = ++connections;
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; cursors?: Record<string, number>; commandId?: string; kind?: string; envelope?: unknown; t?: number };
      if (frame.type === 'hello') {
        const headSeq = frame.cursors?.[region] ?? 0;
        ws.send(JSON.stringify({ type: 'welcome', protocol: PROTOCOL_VERSION, serverId: 'command-server', region, headSeq, checkpoint: null }));
      } else if (frame.type === 'ping') {
        ws.send(JSON.stringify({ type: 'pong', t: frame.t }));
      } else if (frame.type === 'command' && frame.kind === 'signed' && frame.commandId) {
        const command = { connection, commandId: frame.commandId, envelope: frame.envelope };
        received.push(command);
        const first = results.get(frame.commandId);
        const outcome = first ?? behaviour(command);
        if (outcome === 'silent') return;
        results.set(frame.commandId, outcome);
        if (!first && loseNextAnswer) {
          loseNextAnswer = false;
          return ws.terminate();
        }
        ws.send(JSON.stringify({ type: 'commandResult', commandId: frame.commandId, ...outcome }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `wss://127.0.0.1:${port}`,
    received,
    /** Command ids the server has decided (applied or refused), each exactly once. */
    decided: results,
    get connections() {
      return connections;
    },
    /** The next new command is decided but its answer is lost with the connection. */
    loseNextAnswer() {
      loseNextAnswer = true;
    },
    /** Cuts every open connection, as a network drop would. */
    dropAll() {
      for (const ws of sockets) ws.terminate();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of sockets) ws.terminate();
        wss.close(() => server.close(() => resolve()));
      }),
  };
}
