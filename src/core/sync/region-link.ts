import { X509Certificate, createHash, randomUUID } from 'node:crypto';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import WebSocket from 'ws';
import type { LinkState } from '../../shared/contract/sync-schemas';
import { AppError } from '../../shared/errors';
import type { SealedEvent } from '../../shared/domain/events';
import type { SignedEnvelope } from '../../shared/protocol/command-envelope';
import {
  MAX_FRAME_BYTES,
  parseFrame,
  PROTOCOL_VERSION,
  serverFrameSchema,
  type Checkpoint,
  type ClientFrame,
  type ServerFrame,
} from '../../shared/protocol/frames';
import { checkpointProblem } from '../checkpoint/checkpoints';
import { identityFromPeer } from '../pki';
import { backoffDelay } from './backoff';
import { batchRefusal } from './batch-order';
import { chainOf, ServerCrls } from './server-crls';
import type { ReplicaSink } from './replica-sink';

export interface LinkIdentity {
  keyPem: string;
  chainPem: string[];
}

export interface RegionLinkOptions {
  region: string;
  /** Servers of the region, tried in turn (failover). */
  urls: string[];
  identity: LinkIdentity;
  rootPem: string;
  /** Accepted server SPKI pins (base64 SHA-256); empty = chain, revocation and role checks only. */
  pins?: string[];
  /**
   * The CRLs servers are checked against (shared by a manager's links, refreshed from each
   * server's welcome); a link of its own, starting empty, when absent.
   */
  crls?: ServerCrls;
  sink: ReplicaSink;
  clientId: string;
  onState(state: LinkState): void;
  onApplied?(region: string, cursor: number): void;
  log?(line: string): void;
  heartbeatMs?: number;
  /** No frame for this long and the connection is dropped and retried. */
  silenceMs?: number;
  random?: () => number;
}

export type CommandOutcome = { status: 'accepted' | 'refused'; reason: string | null; seq: number | null };
/** A regional server's answer to a signed command: a refusal carries the server's code and reason. */
export type SignedOutcome = { status: 'accepted' | 'refused'; code: string | null; reason: string | null; seq: number | null };

/** A signed command cannot be sent: no link to its region, or the link is down right now. */
export class LinkUnavailableError extends Error {
  constructor(
    readonly region: string,
    message: string,
  ) {
    super(message);
    this.name = 'LinkUnavailableError';
  }
}

/** How long past its envelope's expiry a signed command waits for its result before giving up. */
export const SIGNED_RESULT_MARGIN_MS = 15_000;

interface PendingSigned {
  envelope: SignedEnvelope;
  /** Every caller waiting on this command (a retry of a pending command shares its result). */
  waiters: { resolve(outcome: SignedOutcome): void; reject(err: Error): void }[];
  timer: NodeJS.Timeout;
}

function spkiPinOf(cert: PeerCertificate): string {
  const spki = new X509Certificate(cert.raw).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/** Error codes of a TLS refusal (Node's TLS and OpenSSL's verify codes, and this link's own server check): not worth a quick retry. */
const TLS_REFUSAL_CODE = /^(ERR_SSL_|ERR_TLS_|EPROTO$|CERT_|CRL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|HOSTNAME_MISMATCH$|INVALID_CA$|INVALID_PURPOSE$|PATH_LENGTH_EXCEEDED$|server-identity-refused$)/;
const isTlsRefusal = (err: Error & { code?: unknown }): boolean => typeof err.code === 'string' && TLS_REFUSAL_CODE.test(err.code);
const identityRefused = (message: string) => new AppError('server-identity-refused', message);

/**
 * One region's link to its regional servers: connect (mutual TLS 1.3, server pinned and
 * checked), hello with the replica's own cursor, apply each batch and its cursor in one
 * transaction, ack after commit, verify checkpoints; reconnect with backoff and rotate
 * servers on any failure.
 */
export class RegionLink {
  private ws: WebSocket | null = null;
  private stopped = false;
  private attempt = 0;
  private urlIndex = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private lastFrameAt = 0;
  private queue: Promise<void> = Promise.resolve();
  private readonly pending = new Map<string, (outcome: CommandOutcome) => void>();
  /** Signed commands sent and not yet answered; resent unchanged after every welcome. */
  private readonly signedPending = new Map<string, PendingSigned>();
  /** True between the server's welcome and the connection's close: frames sent now are acted on. */
  private welcomed = false;
  private state: LinkState;
  private liveWaiters: (() => void)[] = [];
  private verifiedWaiters: (() => void)[] = [];
  /** The newest checkpoint the server had signed when it welcomed this link (0: none). */
  private announcedCheckpointSeq = 0;
  /** A snapshot being received: rows collect here until its end frame. */
  private incoming: { begin: Extract<ServerFrame, { type: 'snapshot-begin' }>; tables: Record<string, (string | number | null)[][]>; rows: number } | null = null;
  private readonly crls: ServerCrls;
  /** The certificate the current connection's server presented (its chain verified by TLS). */
  private serverCert: PeerCertificate | null = null;
  private readonly refusedSockets = new WeakSet<WebSocket>();

  constructor(private readonly options: RegionLinkOptions) {
    this.crls = options.crls ?? new ServerCrls(options.rootPem, [], (line) => this.log(line));
    this.state = {
      region: options.region,
      status: 'connecting',
      server: null,
      cursor: 0,
      headSeq: null,
      staleSince: null,
      reason: null,
      lastCheckpointSeq: null,
    };
  }

  get current(): LinkState {
    return this.state;
  }

  start(): void {
    void this.connect();
  }

  /** Resolves once the link has caught up with the server's head. */
  whenLive(): Promise<void> {
    if (this.state.status === 'live') return Promise.resolve();
    return new Promise((resolve) => this.liveWaiters.push(resolve));
  }

  /**
   * Resolves once the link is live and the replica's chain has been checked against the newest
   * checkpoint the server had signed when it welcomed the link: a one-off sync then ends on a
   * server-signed verdict, not only on a count of events.
   */
  whenVerified(): Promise<void> {
    if (this.verified()) return Promise.resolve();
    return new Promise((resolve) => this.verifiedWaiters.push(resolve));
  }

  private verified(): boolean {
    return this.state.status === 'live' && (this.state.lastCheckpointSeq ?? 0) >= this.announcedCheckpointSeq;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const commandId of [...this.signedPending.keys()]) {
      this.settleSigned(commandId, new Error(`command ${commandId}: the link to region ${this.options.region} was stopped before a result arrived`));
    }
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    const ws = this.ws;
    if (ws && ws.readyState !== ws.CLOSED) {
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.terminate();
      });
    }
    await this.queue;
  }

  /** Sends a command; resolves with the server's result. Retrying the same id is safe. */
  command(draft: unknown, commandId: string = randomUUID()): Promise<CommandOutcome> {
    return new Promise((resolve, reject) => {
      if (!this.ws || this.ws.readyState !== this.ws.OPEN) return reject(new Error(`region ${this.options.region} is not connected`));
      this.pending.set(commandId, resolve);
      this.send({ type: 'command', commandId, kind: 'record-event', draft });
    });
  }

  /**
   * Sends a signed command envelope and resolves with the server's result. Refused at once
   * when the link is not connected; once sent, the command stays pending across a dropped
   * connection and is resent unchanged (same commandId) after the next welcome, so the
   * server applies it at most once. Rejects if no result arrives before the envelope's
   * expiry plus a margin; the region's state then tells whether it was applied.
   */
  signedCommand(envelope: SignedEnvelope, marginMs = SIGNED_RESULT_MARGIN_MS): Promise<SignedOutcome> {
    const region = this.options.region;
    if (envelope.region !== region) return Promise.reject(new Error(`command ${envelope.commandId} is for region ${envelope.region}, not ${region}`));
    const already = this.signedPending.get(envelope.commandId);
    if (already && already.envelope.signature !== envelope.signature) {
      return Promise.reject(new Error(`command ${envelope.commandId} is already pending with a different envelope`));
    }
    if (already) return new Promise((resolve, reject) => already.waiters.push({ resolve, reject }));
    if (!this.welcomed) {
      const why = this.state.reason ? ` (${this.state.reason})` : '';
      return Promise.reject(new LinkUnavailableError(region, `not connected to region ${region}: the link is ${this.state.status}${why}; the command was not sent`));
    }
    return new Promise<SignedOutcome>((resolve, reject) => {
      const waitMs = Math.max(0, Date.parse(envelope.expiresAt) - Date.now()) + marginMs;
      const timer = setTimeout(() => {
        this.settleSigned(
          envelope.commandId,
          new Error(
            `no result from region ${region} for command ${envelope.commandId} within ${Math.round(waitMs / 1000)} s; ` +
              'it may or may not have been applied: check the region’s state before sending it again',
          ),
        );
      }, waitMs);
      this.signedPending.set(envelope.commandId, { envelope, timer, waiters: [{ resolve, reject }] });
      this.sendSigned(envelope);
    });
  }

  private settleSigned(commandId: string, result: SignedOutcome | Error): void {
    const pending = this.signedPending.get(commandId);
    if (!pending) return;
    this.signedPending.delete(commandId);
    clearTimeout(pending.timer);
    for (const waiter of pending.waiters) {
      if (result instanceof Error) waiter.reject(result);
      else waiter.resolve(result);
    }
  }

  /** Commands sent and not yet answered (tests, diagnostics). */
  get pendingSigned(): number {
    return this.signedPending.size;
  }

  private sendSigned(envelope: SignedEnvelope): void {
    this.send({ type: 'command', commandId: envelope.commandId, kind: 'signed', envelope });
  }

  private setState(patch: Partial<LinkState>): void {
    this.state = { ...this.state, ...patch };
    this.options.onState(this.state);
    if (this.state.status === 'live') for (const resolve of this.liveWaiters.splice(0)) resolve();
    if (this.verified()) for (const resolve of this.verifiedWaiters.splice(0)) resolve();
  }

  /** Live once caught up; a broken chain stays reported until the operator acts on it. */
  private progress(cursor: number, head: number): Pick<LinkState, 'status' | 'staleSince'> {
    if (this.state.status === 'chain-broken') return { status: 'chain-broken', staleSince: this.state.staleSince };
    return cursor >= head ? { status: 'live', staleSince: null } : { status: 'catching-up', staleSince: this.state.staleSince };
  }

  private log(line: string): void {
    this.options.log?.(`[${this.options.region}] ${line}`);
  }

  private send(frame: ClientFrame): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private checkServer(host: string, cert: PeerCertificate): Error | undefined {
    const standard = checkServerIdentity(host, cert);
    if (standard) return standard;
    const pins = this.options.pins ?? [];
    if (pins.length > 0 && !pins.includes(spkiPinOf(cert))) return identityRefused(`server key does not match the pinned SPKI for ${host}`);
    const identity = identityFromPeer(cert);
    if (!identity || identity.role !== 'regional-server') return identityRefused(`${host} is not a regional server`);
    if (identity.region !== this.options.region) return identityRefused(`${host} serves region ${identity.region}, not ${this.options.region}`);
    const revoked = this.crls.revocationOf(cert);
    if (revoked) return identityRefused(`${host}: ${revoked}`);
    this.serverCert = cert;
    return undefined;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const url = this.options.urls[this.urlIndex % this.options.urls.length] ?? '';
    const cursor = await this.options.sink.cursor(this.options.region);
    this.setState({ server: url, cursor, status: this.state.status === 'live' ? 'stale' : this.state.status });
    let opened = false;
    const ws = new WebSocket(url, {
      key: this.options.identity.keyPem,
      cert: this.options.identity.chainPem.join('\n'),
      ca: [this.options.rootPem],
      minVersion: 'TLSv1.3',
      maxVersion: 'TLSv1.3',
      // ws's typings say boolean; Node's TLS expects an Error (refuse) or undefined (accept).
      checkServerIdentity: ((host: string, cert: PeerCertificate) => this.checkServer(host, cert)) as never,
      maxPayload: MAX_FRAME_BYTES,
      handshakeTimeout: 10_000,
      perMessageDeflate: false,
    });
    this.ws = ws;
    ws.on('open', async () => {
      opened = true;
      this.lastFrameAt = Date.now();
      this.send({
        type: 'hello',
        protocol: PROTOCOL_VERSION,
        clientId: this.options.clientId,
        schema: await this.options.sink.schemaVersion(),
        cursors: { [this.options.region]: await this.options.sink.cursor(this.options.region) },
      });
      this.heartbeat = setInterval(() => {
        if (Date.now() - this.lastFrameAt > (this.options.silenceMs ?? 30_000)) {
          this.log(`no frame from ${url} for ${this.options.silenceMs ?? 30_000} ms; reconnecting`);
          ws.terminate();
          return;
        }
        this.send({ type: 'ping', t: Date.now() });
      }, this.options.heartbeatMs ?? 10_000);
    });
    ws.on('message', (data) => {
      this.lastFrameAt = Date.now();
      const parsed = parseFrame(serverFrameSchema, data as Buffer);
      if (!parsed.ok) {
        const registryRole = registryOnlyRole(data as Buffer);
        if (registryRole) {
          // A contributor's or verifier's certificate: the server confines it to the registry.
          this.setState({ status: 'refused', reason: `server gave a registry-only session: a ${registryRole} certificate receives no event stream` });
          ws.close(1000, 'registry-only');
          return;
        }
        this.log(`protocol error from ${url}: ${parsed.code}: ${parsed.message}`);
        ws.close(1008, parsed.code);
        return;
      }
      // Frames are handled strictly in order: a batch is committed before the next frame is looked at.
      this.queue = this.queue.then(() => this.onFrame(parsed.frame, ws)).catch((err: unknown) => {
        this.log(`failed to handle a ${parsed.frame.type} frame: ${(err as Error).message}`);
        this.setState({ status: 'chain-broken', reason: (err as Error).message });
        ws.close(1011, 'apply failed');
      });
    });
    let refusedBecause: string | null = null;
    ws.on('unexpected-response', (_req, res) => {
      // The server answers a refused certificate or role with 403 and the reason in the body.
      refusedBecause = `server refused the connection: ${res.statusCode}`;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body = (body + chunk).slice(0, 500)));
      res.on('end', () => {
        refusedBecause = `server refused the connection: ${res.statusCode} ${body.trim() || (res.statusMessage ?? '')}`.trim();
        this.setState({ status: 'refused', reason: refusedBecause });
        this.log(refusedBecause);
        // Ends the handshake with error + close, so the usual retry with backoff follows.
        ws.terminate();
      });
    });
    ws.on('error', (err) => {
      // A refusal already said why; an error caused by our own stop() is not news.
      if (refusedBecause || this.stopped) return;
      const reason = err.message;
      if (!opened && isTlsRefusal(err)) this.setState({ status: 'refused', reason });
      else this.setState({ reason });
      this.log(`connection to ${url} failed: ${reason}`);
    });
    ws.on('close', () => {
      if (this.heartbeat) clearInterval(this.heartbeat);
      this.heartbeat = null;
      this.welcomed = false;
      for (const resolve of this.pending.values()) resolve({ status: 'refused', reason: 'connection closed before a result', seq: null });
      this.pending.clear();
      if (this.stopped) return;
      if (this.state.status === 'live' || this.state.status === 'catching-up') {
        this.setState({ status: 'stale', staleSince: new Date().toISOString() });
      } else if (this.state.status === 'connecting' && this.state.cursor > 0) {
        this.setState({ status: 'stale', staleSince: this.state.staleSince ?? new Date().toISOString() });
      }
      this.urlIndex++;
      const delay = backoffDelay(this.attempt++, this.options.random);
      this.retryTimer = setTimeout(() => void this.connect(), delay);
    });
  }

  private async onFrame(frame: ServerFrame, ws: WebSocket): Promise<void> {
    // Frames already received from a server refused since are not acted on.
    if (this.refusedSockets.has(ws)) return;
    switch (frame.type) {
      case 'welcome': {
        if (frame.protocol !== PROTOCOL_VERSION) {
          ws.close(1008, 'incompatible');
          this.setState({ status: 'refused', reason: `server speaks protocol ${frame.protocol}; this app speaks ${PROTOCOL_VERSION}` });
          return;
        }
        if (frame.region !== this.options.region) {
          ws.close(1008, 'wrong region');
          this.setState({ status: 'refused', reason: `server speaks for region ${frame.region}` });
          return;
        }
        if (frame.crls && this.serverCert && this.refusedAsRevoked(frame.crls, this.serverCert, ws)) return;
        this.attempt = 0;
        this.announcedCheckpointSeq = frame.checkpoint?.seq ?? 0;
        const cursor = await this.options.sink.cursor(this.options.region);
        // A replica already past the server's newest checkpoint takes it from the welcome: a
        // `--once` client live on this frame may be gone before the checkpoint frame that follows.
        const newest = frame.checkpoint;
        if (newest && newest.seq <= cursor && newest.seq > (this.state.lastCheckpointSeq ?? 0)) {
          const before = this.state.status;
          await this.onCheckpoint({ type: 'checkpoint', ...newest });
          if (this.state.status === 'chain-broken' && before !== 'chain-broken') return;
        }
        this.setState({ headSeq: frame.headSeq, cursor, reason: this.state.status === 'chain-broken' ? this.state.reason : null, serverError: null, ...this.progress(cursor, frame.headSeq) });
        // The connection may have closed while the cursor was read: then the next welcome resends.
        if (this.ws !== ws || ws.readyState !== WebSocket.OPEN) return;
        this.welcomed = true;
        // Commands whose result the last connection lost: the same envelopes again, so the
        // server answers each with its first result and applies none twice.
        for (const p of this.signedPending.values()) {
          this.log(`resending command ${p.envelope.commandId} (${p.envelope.body.kind}) after reconnecting`);
          this.sendSigned(p.envelope);
        }
        return;
      }
      case 'events': {
        const cursor = await this.options.sink.cursor(this.options.region);
        const refusal = batchRefusal(cursor, this.options.region, frame);
        if (refusal) {
          this.log(`${refusal}; resuming from the replica's cursor`);
          ws.close(1008, 'out-of-order');
          return;
        }
        const next = await this.options.sink.apply(this.options.region, frame.events as SealedEvent[]);
        this.send({ type: 'ack', region: this.options.region, seq: next });
        this.options.onApplied?.(this.options.region, next);
        const head = Math.max(this.state.headSeq ?? 0, next);
        this.setState({ cursor: next, headSeq: head, ...this.progress(next, head) });
        return;
      }
      case 'checkpoint':
        await this.onCheckpoint(frame);
        return;
      case 'commandResult': {
        if (this.signedPending.has(frame.commandId)) {
          this.settleSigned(frame.commandId, { status: frame.status, code: frame.code ?? null, reason: frame.reason, seq: frame.seq });
          return;
        }
        const resolve = this.pending.get(frame.commandId);
        this.pending.delete(frame.commandId);
        resolve?.({ status: frame.status, reason: frame.reason, seq: frame.seq });
        return;
      }
      case 'snapshot-begin':
      case 'snapshot-rows':
      case 'snapshot-end':
        await this.onSnapshotFrame(frame, ws);
        return;
      case 'pong':
        return;
      case 'error':
        this.log(`server error ${frame.code}: ${frame.message}`);
        this.setState({
          reason: `${frame.code}: ${frame.message}`,
          serverError: { code: frame.code, message: frame.message, ...(frame.details ? { details: frame.details } : {}) },
          ...(frame.code === 'incompatible' ? { status: 'refused' as const } : {}),
        });
        return;
    }
  }

  /**
   * Takes the CRLs the server sent (those its CAs signed) and checks the server against them
   * again: a server whose own certificate they revoke is dropped and reported refused.
   */
  private refusedAsRevoked(crls: string[], cert: PeerCertificate, ws: WebSocket): boolean {
    const added = this.crls.accept(crls, chainOf(cert));
    if (added > 0) this.log(`took ${added} newer CRL(s) from the server`);
    const revoked = this.crls.revocationOf(cert);
    if (!revoked) return false;
    this.log(`refusing the server: ${revoked}`);
    this.refusedSockets.add(ws);
    this.setState({ status: 'refused', reason: revoked });
    ws.close(1008, 'server certificate revoked');
    return true;
  }

  private async onSnapshotFrame(frame: Extract<ServerFrame, { type: 'snapshot-begin' | 'snapshot-rows' | 'snapshot-end' }>, ws: WebSocket): Promise<void> {
    const region = this.options.region;
    if (frame.type === 'snapshot-begin') {
      const problem = checkpointProblem(frame.checkpoint, this.options.rootPem);
      const matches = frame.checkpoint.region === region && frame.checkpoint.seq === frame.seq && frame.checkpoint.hash === frame.hash;
      if (frame.region !== region || problem || !matches) {
        this.setState({ status: 'chain-broken', reason: `snapshot at seq ${frame.seq} refused: ${problem ?? 'it does not match its checkpoint'}` });
        ws.close(1008, 'bad snapshot');
        return;
      }
      this.incoming = { begin: frame, tables: {}, rows: 0 };
      this.setState({ status: 'catching-up', headSeq: frame.seq });
      return;
    }
    const incoming = this.incoming;
    if (!incoming || frame.seq !== incoming.begin.seq) {
      this.log(`snapshot ${frame.type} without its begin frame; reconnecting`);
      ws.close(1008, 'out-of-order');
      return;
    }
    if (frame.type === 'snapshot-rows') {
      (incoming.tables[frame.table] ??= []).push(...frame.rows);
      incoming.rows += frame.rows.length;
      return;
    }
    this.incoming = null;
    if (frame.rows !== incoming.rows) {
      this.log(`snapshot ended with ${incoming.rows} of ${frame.rows} rows; reconnecting`);
      ws.close(1008, 'incomplete snapshot');
      return;
    }
    const { begin } = incoming;
    const snapshot = { region, seq: begin.seq, hash: begin.hash, dataAsOf: begin.dataAsOf, tables: incoming.tables, stateHash: frame.stateHash };
    const cursor = await this.options.sink.applySnapshot(snapshot, begin.checkpoint);
    this.log(`applied a snapshot at seq ${cursor} (${incoming.rows} rows)`);
    this.send({ type: 'ack', region, seq: cursor });
    this.options.onApplied?.(region, cursor);
    const head = Math.max(this.state.headSeq ?? 0, cursor);
    this.setState({ cursor, headSeq: head, lastCheckpointSeq: begin.checkpoint.seq, ...this.progress(cursor, head) });
  }

  private async onCheckpoint(frame: Checkpoint & { type: 'checkpoint' }): Promise<void> {
    const { type: _type, ...checkpoint } = frame;
    const problem = checkpointProblem(checkpoint, this.options.rootPem);
    if (problem) {
      this.setState({ status: 'chain-broken', reason: `checkpoint at seq ${checkpoint.seq} refused: ${problem}` });
      return;
    }
    const local = await this.options.sink.hashAt(this.options.region, checkpoint.seq);
    if (local !== checkpoint.hash) {
      this.setState({ status: 'chain-broken', reason: `checkpoint at seq ${checkpoint.seq} does not match the replica's chain (fork)` });
      return;
    }
    await this.options.sink.saveCheckpoint(checkpoint);
    this.setState({ lastCheckpointSeq: checkpoint.seq });
  }
}

/** The role named by a registry welcome (the contributor firewall's answer to hello), or null. */
function registryOnlyRole(data: Buffer): string | null {
  try {
    const frame = JSON.parse(data.toString('utf8')) as { type?: unknown; role?: unknown };
    return frame.type === 'registry-welcome' && typeof frame.role === 'string' ? frame.role.slice(0, 64) : null;
  } catch {
    return null;
  }
}
