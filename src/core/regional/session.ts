import type { WebSocket } from 'ws';
import type { Role } from '../../shared/domain/events';
import {
  clientFrameSchema,
  EVENTS_PER_FRAME,
  parseFrame,
  PROTOCOL_VERSION,
  type Checkpoint,
  type ProtocolErrorCode,
  type ServerFrame,
} from '../../shared/protocol/frames';
import type { RegionalStore } from './regional-store';

export interface PeerIdentity {
  subject: string;
  name: string;
  role: Role;
  region: string;
  depot: string | null;
}

export interface SessionDeps {
  store: RegionalStore;
  serverId: string;
  peer: PeerIdentity;
  latestCheckpoint(): Checkpoint | null;
  onAppended(): void;
  /** After each accepted ack: what this client has committed (tests of exactly-once delivery). */
  onAck?(clientId: string, region: string, seq: number): void;
  log(line: string): void;
  helloTimeoutMs: number;
}

/** Frames in flight before the client must acknowledge: bounds memory on both sides. */
const WINDOW_FRAMES = 4;

/** Roles that may record events on a regional server, and what they may record. */
function mayRecord(peer: PeerIdentity, draft: unknown): string | null {
  const d = draft as { type?: unknown; payload?: { depot?: unknown; fromDepot?: unknown; toDepot?: unknown } };
  if (peer.role === 'depot-operator') {
    const depot = d.payload?.depot ?? d.payload?.fromDepot ?? d.payload?.toDepot;
    if (typeof d.type !== 'string' || !/^(lot\.|stock\.)/.test(d.type)) return 'depot operators record stock movements only';
    if (peer.depot && depot !== peer.depot) return `depot operator of ${peer.depot} cannot record movements at ${String(depot)}`;
    return null;
  }
  if (peer.role === 'duty-officer' || peer.role === 'national-commander') return null;
  return `role ${peer.role} cannot record events`;
}

/** One client connection: hello → welcome → catch-up under a window of acks → live. */
export function runSession(ws: WebSocket, deps: SessionDeps) {
  const { store, peer } = deps;
  const region = store.region;
  let greeted = false;
  let clientId = '';
  let sentSeq = 0;
  let ackedSeq = 0;
  let checkpointSent = 0;

  const send = (frame: ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const fail = (code: ProtocolErrorCode, message: string) => {
    deps.log(`session ${peer.subject}: protocol error ${code}: ${message}`);
    send({ type: 'error', code, message });
    ws.close(1008, code);
  };

  const helloTimer = setTimeout(() => fail('timeout', `no hello within ${deps.helloTimeoutMs} ms`), deps.helloTimeoutMs);

  const pump = () => {
    if (!greeted) return;
    const head = store.head().seq;
    while (sentSeq < head && sentSeq - ackedSeq < WINDOW_FRAMES * EVENTS_PER_FRAME) {
      const events = store.eventsFrom(sentSeq + 1, EVENTS_PER_FRAME);
      if (events.length === 0) break;
      send({ type: 'events', region, fromSeq: sentSeq + 1, events });
      sentSeq = events.at(-1)?.seq ?? sentSeq;
    }
    const checkpoint = deps.latestCheckpoint();
    if (checkpoint && checkpoint.seq <= sentSeq && checkpoint.seq > checkpointSent) {
      send({ type: 'checkpoint', ...checkpoint });
      checkpointSent = checkpoint.seq;
    }
  };

  ws.on('message', (data, isBinary) => {
    if (isBinary) return fail('malformed', 'binary frames are not part of the protocol');
    const parsed = parseFrame(clientFrameSchema, data as Buffer);
    if (!parsed.ok) return fail(parsed.code, parsed.message);
    const frame = parsed.frame;
    if (!greeted && frame.type !== 'hello') return fail('out-of-order', `${frame.type} before hello`);
    switch (frame.type) {
      case 'hello': {
        if (greeted) return fail('out-of-order', 'second hello');
        clearTimeout(helloTimer);
        if (frame.protocol !== PROTOCOL_VERSION) {
          return fail('incompatible', `protocol ${frame.protocol} is not supported; this server speaks protocol ${PROTOCOL_VERSION}`);
        }
        const cursor = frame.cursors[region] ?? 0;
        const head = store.head();
        if (cursor > head.seq) return fail('ahead-of-server', `client cursor ${cursor} is ahead of this server's head ${head.seq}`);
        if (cursor > 0 && store.hashAt(cursor) === null) return fail('ahead-of-server', `client cursor ${cursor} is unknown here`);
        greeted = true;
        clientId = frame.clientId;
        sentSeq = cursor;
        ackedSeq = cursor;
        send({ type: 'welcome', protocol: PROTOCOL_VERSION, serverId: deps.serverId, region, headSeq: head.seq, checkpoint: deps.latestCheckpoint() });
        pump();
        return;
      }
      case 'ack': {
        if (frame.region !== region) return fail('wrong-region', `ack for region ${frame.region} on the server of ${region}`);
        if (frame.seq > sentSeq || frame.seq < ackedSeq) return fail('out-of-order', `ack ${frame.seq} outside ${ackedSeq}…${sentSeq}`);
        ackedSeq = frame.seq;
        deps.onAck?.(clientId, region, frame.seq);
        pump();
        return;
      }
      case 'command': {
        const refusal = mayRecord(peer, frame.draft);
        const draft = { ...(frame.draft as object), actor: { subject: peer.subject, role: peer.role } };
        const result = refusal ? { status: 'refused' as const, reason: refusal } : store.append(frame.commandId, draft);
        deps.log(`command ${frame.commandId} from ${peer.subject}: ${result.status}${result.status === 'refused' ? ` (${result.reason})` : ''}`);
        send({
          type: 'commandResult',
          commandId: frame.commandId,
          status: result.status,
          reason: result.status === 'refused' ? result.reason : null,
          seq: result.status === 'accepted' ? result.seq : null,
        });
        if (result.status === 'accepted') deps.onAppended();
        return;
      }
      case 'ping':
        send({ type: 'pong', t: frame.t });
        return;
    }
  });
  ws.on('close', () => clearTimeout(helloTimer));

  return { pump };
}
