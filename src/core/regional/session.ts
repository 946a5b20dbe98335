import type { WebSocket } from 'ws';
import {
  clientFrameSchema,
  EVENTS_PER_FRAME,
  MAX_FRAME_BYTES,
  parseFrame,
  SNAPSHOT_ROWS_PER_FRAME,
  SNAPSHOT_TABLE_NAMES,
  PROTOCOL_VERSION,
  type Checkpoint,
  type ProtocolErrorCode,
  type ServerFrame,
} from '../../shared/protocol/frames';
import { guardSocket } from '../net/ws-guard';
import type { ErrorDetails } from '../../shared/errors';
import { readRegionSnapshotRows } from '../replica/apply-snapshot';
import type { PeerIdentity } from '../pki';
import type { CommandPath } from '../commands/command-executor';
import type { CommandOutcome } from '../commands/outcome';
import type { ClientFrame } from '../../shared/protocol/frames';
import type { RateDecision } from './command-rate';
import type { RegionalStore } from './regional-store';

export interface SessionDeps {
  store: RegionalStore;
  /** Executes commands (signed envelopes, depot operators' movements) and audits each one. */
  commands: CommandPath;
  serverId: string;
  peer: PeerIdentity;
  latestCheckpoint(): Checkpoint | null;
  /** Signs a checkpoint at the current head (if there is none) and returns it. */
  checkpointNow(): Checkpoint | null;
  /** A client further behind than this many events gets a snapshot instead of the log. */
  retainEvents: number;
  onAppended(): void;
  /** After each accepted ack: what this client has committed (tests of exactly-once delivery). */
  onAck?(clientId: string, region: string, seq: number): void;
  log(line: string): void;
  helloTimeoutMs: number;
  /** The CRLs the server enforces, handed to clients in the welcome so they can check servers too. */
  crls?(): string[];
  /** This connection's command allowance (per connection and per certificate). */
  rate?: { take(): RateDecision };
  /**
   * Brings the projection up to the region's shared log (a server on a JetStream log): a client
   * failing over from another server of the region may hold events this one has not projected yet.
   */
  catchUp?(): Promise<unknown>;
  /** Called once when the client's hello is accepted: the connection is no longer pending. */
  onGreeted?(): void;
}

/** Frames in flight before the client must acknowledge: bounds memory on both sides. */
const WINDOW_FRAMES = 4;

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
  // Once failed, a session acts on nothing more, not even frames already received.
  let failed = false;
  const fail = (code: ProtocolErrorCode, message: string, details?: ErrorDetails) => {
    if (failed) return;
    failed = true;
    deps.log(`session ${peer.subject}: protocol error ${code}: ${message}`);
    send({ type: 'error', code, message, ...(details ? { details } : {}) });
    ws.close(1008, code);
  };

  /** The region's state pinned at the head, in frames; the client acks the pinned seq once applied. */
  const sendSnapshot = (): number | null => {
    const checkpoint = deps.checkpointNow();
    const head = store.head();
    if (!checkpoint || checkpoint.seq !== head.seq) return null;
    const tables = readRegionSnapshotRows(store.replica.db, region);
    const dataAsOf = store.replica.db.prepare<[string], string | null>('SELECT data_as_of FROM region_heads WHERE region = ?').pluck().get(region) ?? null;
    send({ type: 'snapshot-begin', region, seq: head.seq, hash: head.hash, dataAsOf, checkpoint });
    let rows = 0;
    for (const table of SNAPSHOT_TABLE_NAMES) {
      const all = tables[table] ?? [];
      for (let i = 0; i < all.length; i += SNAPSHOT_ROWS_PER_FRAME) {
        send({ type: 'snapshot-rows', region, seq: head.seq, table, rows: all.slice(i, i + SNAPSHOT_ROWS_PER_FRAME) });
      }
      rows += all.length;
    }
    send({ type: 'snapshot-end', region, seq: head.seq, rows, stateHash: store.stateHash() });
    deps.log(`session ${peer.subject}: sent a snapshot at seq ${head.seq} (${rows} rows)`);
    return head.seq;
  };

  const helloTimer = setTimeout(() => fail('timeout', `no hello within ${deps.helloTimeoutMs} ms`), deps.helloTimeoutMs);

  const pump = () => {
    if (!greeted) return;
    const head = store.head().seq;
    while (sentSeq < head && sentSeq - ackedSeq < WINDOW_FRAMES * EVENTS_PER_FRAME) {
      // Forwarded as stored: the frame is spliced from the rows' text, not parsed and serialised.
      const frame = store.eventsFrame(sentSeq + 1, EVENTS_PER_FRAME);
      if (!frame) break;
      if (ws.readyState === ws.OPEN) ws.send(frame.bytes, { binary: false });
      sentSeq = frame.lastSeq;
    }
    const checkpoint = deps.latestCheckpoint();
    if (checkpoint && checkpoint.seq <= sentSeq && checkpoint.seq > checkpointSent) {
      send({ type: 'checkpoint', ...checkpoint });
      checkpointSent = checkpoint.seq;
    }
  };

  ws.on('message', (data, isBinary) => {
    if (failed) return;
    if (isBinary) return fail('malformed', 'binary frames are not part of the protocol');
    const parsed = parseFrame(clientFrameSchema, data as Buffer);
    if (!parsed.ok) return fail(parsed.code, parsed.message, parsed.details);
    const frame = parsed.frame;
    if (!greeted && frame.type !== 'hello') return fail('out-of-order', `${frame.type} before hello`);
    if (caughtUpFor) return fail('out-of-order', `${frame.type} before welcome`);
    onFrame(frame);
  });

  /** A hello held while the projection catches up with the shared log. */
  let caughtUpFor: ClientFrame | null = null;
  let helloHeld = false;
  const onFrame = (frame: ClientFrame): void => {
    if (failed) return;
    switch (frame.type) {
      case 'hello': {
        if (greeted) return fail('out-of-order', 'second hello');
        clearTimeout(helloTimer);
        if (frame.protocol !== PROTOCOL_VERSION) {
          return fail('incompatible', `protocol ${frame.protocol} is not supported; this server speaks protocol ${PROTOCOL_VERSION}`);
        }
        const cursor = frame.cursors[region] ?? 0;
        if (cursor > store.head().seq && deps.catchUp && !helloHeld) {
          // Answered once the projection has read the shared log (or failed to): then judged as usual.
          helloHeld = true;
          caughtUpFor = frame;
          void deps
            .catchUp()
            .catch(() => undefined)
            .finally(() => {
              caughtUpFor = null;
              onFrame(frame);
            });
          return;
        }
        const head = store.head();
        if (cursor > head.seq) return fail('ahead-of-server', `client cursor ${cursor} is ahead of this server's head ${head.seq}`, { cursor, head: head.seq });
        if (cursor > 0 && store.hashAt(cursor) === null) return fail('ahead-of-server', `client cursor ${cursor} is unknown here`);
        clientId = frame.clientId;
        sentSeq = cursor;
        ackedSeq = cursor;
        send({ type: 'welcome', protocol: PROTOCOL_VERSION, serverId: deps.serverId, region, headSeq: head.seq, checkpoint: deps.latestCheckpoint(), crls: deps.crls?.() ?? [] });
        // Not greeted yet while a snapshot goes out, so a checkpoint's pump cannot slip events in first.
        if (head.seq - cursor > deps.retainEvents) {
          const pinned = sendSnapshot();
          if (pinned !== null) {
            sentSeq = pinned;
            checkpointSent = pinned;
          }
        }
        greeted = true;
        deps.onGreeted?.();
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
        // Over the limit: refused undecided; the window's refusals are audited once, with their count.
        const allowed = deps.rate?.take() ?? { ok: true };
        if (!allowed.ok) {
          send({ type: 'commandResult', commandId: frame.commandId, status: 'refused', code: 'rate-limited', reason: allowed.reason, seq: null });
          return;
        }
        // Decided, appended and audited before the answer leaves.
        const answer = (result: CommandOutcome) => {
          deps.log(`command ${frame.commandId} (${frame.kind}) from ${peer.subject}: ${result.status}${result.status === 'refused' ? ` [${result.code}] ${result.reason}` : ''}`);
          send(
            result.status === 'accepted'
              ? { type: 'commandResult', commandId: frame.commandId, status: 'accepted', reason: null, seq: result.seq }
              : { type: 'commandResult', commandId: frame.commandId, status: 'refused', code: result.code, reason: result.reason, seq: null },
          );
          if (result.status === 'accepted') deps.onAppended();
        };
        const result =
          frame.kind === 'signed' ? deps.commands.signed(peer, frame.commandId, frame.envelope) : deps.commands.recordEvent(peer, frame.commandId, frame.draft);
        // A shared region log decides asynchronously; the embedded store at once, as before.
        if (result instanceof Promise) {
          result.then(answer, (err: Error) => {
            deps.log(`command ${frame.commandId} from ${peer.subject} failed: ${err.stack ?? err.message}`);
            send({ type: 'commandResult', commandId: frame.commandId, status: 'refused', code: 'internal', reason: `the server failed to decide this command: ${err.message}`, seq: null });
          });
        } else answer(result);
        return;
      }
      case 'ping':
        send({ type: 'pong', t: frame.t });
        return;
    }
  };
  ws.on('close', () => clearTimeout(helloTimer));
  // An oversized frame, invalid UTF-8 or a broken frame header: the client hears why in an
  // error frame, then ws closes the connection (1009, 1007, 1002…); logged, nothing applied.
  guardSocket(ws, {
    label: `session ${peer.subject}`,
    log: deps.log,
    errorFrame: (code, message) => {
      if (failed) return null;
      failed = true;
      const text = code === 'too-large' ? `frame exceeds the ${MAX_FRAME_BYTES}-byte limit` : `frame refused: ${message}`;
      return JSON.stringify({ type: 'error', code, message: text } satisfies ServerFrame);
    },
  });

  return { pump };
}
