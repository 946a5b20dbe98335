import { randomUUID, X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import { WebSocketServer } from 'ws';
import { MAX_FRAME_BYTES, type Checkpoint } from '../../shared/protocol/frames';
import { DisposableStore } from '../../shared/disposables';
import { signCheckpoint } from '../checkpoint/checkpoints';
import { identityFromPeer, loadIdentityFile, trustStore, type PeerIdentity } from '../pki';
import { createCommandExecutor, type CommandPath } from '../commands/command-executor';
import { revocationList } from '../commands/revocation';
import type { EnvelopeTrust } from '../commands/verify-envelope';
import { createCommandRate, DEFAULT_COMMAND_RATE, type CommandRateLimits } from './command-rate';
import { capPendingConnections } from './pending-connections';
import { createLogBackedCommands } from './log/log-backed-commands';
import { openSharedLog } from './log/shared-log';
import { openMirrorSource, readOnlyReason } from './log/mirror-source';
import { readOnlyCommands } from './read-only-commands';
import { wantsTls } from './log/jetstream-log';
import { openRegionalStore, type RegionalStore } from './regional-store';
import { runSession } from './session';
import { REGISTRY_ROLES, runRegistrySession } from './registry-session';
import { trustFilesStamp } from './trust-stamp';

export interface RegionalServerOptions {
  region: string;
  dataDir: string;
  /** The trust folder (root.crt, crl/*.crl, as `inrs pki export-trust` writes it); never the CA's folder. */
  trustDir: string;
  identityFile: string;
  /** The identity's own passphrase file; by default the one beside the .p12. */
  identityPassphraseFile?: string;
  port: number;
  host?: string;
  /** Sign a checkpoint after this many new events… */
  checkpointEvery?: number;
  /** …or this often while new events keep arriving. */
  checkpointSeconds?: number;
  /** How often the CRLs in the trust folder are re-read. */
  crlReloadSeconds?: number;
  helloTimeoutMs?: number;
  /** A connection must finish its TLS handshake and WebSocket upgrade within this. */
  handshakeTimeoutMs?: number;
  /** Connections not yet greeted (handshake, upgrade, hello) beyond this are closed at once. */
  pendingLimit?: number;
  /** Commands allowed per connection and per certificate in a window. */
  commandRate?: Partial<CommandRateLimits>;
  /**
   * How far back the server serves its log to a client; one further behind receives a
   * snapshot pinned at the head instead. Unlimited by default.
   */
  retainEvents?: number;
  /** Interval of WebSocket pings; a client that misses one is disconnected. */
  heartbeatMs?: number;
  log?: (line: string) => void;
  /** Called when a client acknowledges a batch it has committed. */
  onAck?: (clientId: string, region: string, seq: number) => void;
  /** The clock commands are judged by (validity windows, co-signature deadlines); Date.now by default. */
  now?: () => number;
  /** `nats://HOST:PORT[,…]`: the region's log is a JetStream stream shared with the region's other servers. */
  logUrl?: string;
  /** How often a server on a shared log reads what the region's other servers appended (ms, 250 by default). */
  followMs?: number;
  /**
   * `nats://HOST:PORT[,…]` of the national cluster: the region is served read-only from its
   * national mirror (sync and relayed checkpoints; every command refused `unavailable`).
   */
  mirrorUrl?: string;
}

export interface RegionalServer {
  url: string;
  store: RegionalStore;
  /** Signs a checkpoint at the head now (if there is anything new) and sends it to clients. */
  checkpoint(): Checkpoint | null;
  /** Tells live sessions that the log grew (after a local append, e.g. the simulator). */
  notifyAppended(): void;
  /** Re-reads the CRLs now (TLS and signer checks), as the periodic reload does. */
  reloadTrust(): void;
  /** The command path, with its ledger (decided results, nonces, audit). */
  commands: CommandPath;
  close(): Promise<void>;
}

/** How long a refused peer may stay connected to read the 403 that says why. */
const REFUSED_SOCKET_MS = 5_000;

/** Roles that may read a region's live log. Contributors never see national state. */
const READ_ROLES = new Set(['national-commander', 'ministry-analyst', 'duty-officer', 'depot-operator', 'auditor', 'wall']);

function refusalOf(socket: TLSSocket, region: string, root: X509Certificate | null, readOnly = false): { peer: PeerIdentity } | { reason: string; refusedPeer?: PeerIdentity } {
  if (!socket.authorized) {
    const peer = socket.getPeerCertificate(true);
    if (!peer || Object.keys(peer).length === 0) return { reason: 'no client certificate' };
    // OpenSSL may name a missing CRL first; a chain that never reaches our root is the real cause.
    if (root && !chainReaches(peer, root)) return { reason: `client certificate refused: foreign CA (issuer ${peer.issuer?.CN ?? '?'} does not lead to this server's national root)` };
    return { reason: `client certificate refused: ${String(socket.authorizationError ?? 'unknown')}` };
  }
  const identity = identityFromPeer(socket.getPeerCertificate());
  if (!identity) return { reason: 'client certificate carries no INRS role and region' };
  if (!READ_ROLES.has(identity.role) && !REGISTRY_ROLES.has(identity.role)) return { reason: `role ${identity.role} has no access to the regional log` };
  // The registry writes as it reads: it is served by the region's own servers only.
  if (readOnly && !READ_ROLES.has(identity.role)) return { reason: `${readOnlyReason(region)}; the civilian registry is not served here` };
  if (identity.region !== region && identity.region !== '000000') {
    return { reason: `certificate of region ${identity.region} refused by the server of ${region}`, refusedPeer: identity };
  }
  return { peer: identity };
}

/** Whether the peer's chain, as far as TLS could build it, contains the national root. */
function chainReaches(cert: DetailedPeerCertificate, root: X509Certificate): boolean {
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = cert;
  while (current?.fingerprint256 && !seen.has(current.fingerprint256)) {
    if (current.fingerprint256 === root.fingerprint256) return true;
    seen.add(current.fingerprint256);
    current = current.issuerCertificate;
  }
  return false;
}

/** Closes `store` and passes the failure on: a server that cannot start leaves its folder unlocked. */
const closeStore =
  (store: RegionalStore) =>
  (err: unknown): never => {
    store.close();
    throw err;
  };

export async function startRegionalServer(options: RegionalServerOptions): Promise<RegionalServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const disposables = new DisposableStore();
  const identity = loadIdentityFile(options.identityFile, options.identityPassphraseFile);
  if (identity.info.role !== 'regional-server') throw new Error(`${options.identityFile} is a ${identity.info.role} certificate, not a regional server's`);
  if (identity.info.region !== options.region) throw new Error(`${options.identityFile} is for region ${identity.info.region}, not ${options.region}`);

  // Trust problems (a CRL lapsing, a region without CRL) are logged when they change, not every reload.
  let reported = '';
  const trust = () => {
    const store = trustStore(options.trustDir);
    const problems = store.problems.join('\n');
    if (problems !== reported) for (const line of store.problems) log(`trust folder: ${line}`);
    reported = problems;
    return store;
  };
  trust(); // a folder that is no trust folder is refused before the store is opened

  const store = openRegionalStore(options.dataDir, options.region);
  disposables.add(() => store.close());
  // A tls:// log is reached with this server's own identity, trusting the national root.
  if (options.logUrl && options.mirrorUrl) throw new Error('a server takes its region either from the region log (--log) or from the national mirror (--mirror), not both');
  const natsUrl = options.logUrl ?? options.mirrorUrl;
  const natsTls = natsUrl && wantsTls(natsUrl) ? { ca: trust().ca.join('\n'), cert: identity.chainPem.join('\n'), key: identity.keyPem } : undefined;
  // Closed with the store still open if the start fails below.
  const shared = options.logUrl ? await openSharedLog(options.logUrl, store, log, natsTls).catch(closeStore(store)) : null;
  if (shared) disposables.add(() => shared.close());
  const mirror = options.mirrorUrl ? await openMirrorSource(options.mirrorUrl, store, trust().ca[0] ?? '', log, natsTls).catch(closeStore(store)) : null;
  if (mirror) disposables.add(() => mirror.close());
  const serverId = `${options.region}/${identity.info.name}/${randomUUID().slice(0, 8)}`;

  const checkpoint = (): Checkpoint | null => {
    const head = store.head();
    const latest = store.checkpoints.latest(options.region);
    // A mirror signs nothing: it relays what the region's servers signed.
    if (head.seq === 0 || latest?.seq === head.seq || mirror) return latest;
    const signed = signCheckpoint({ region: options.region, seq: head.seq, hash: head.hash, time: new Date().toISOString() }, identity.keyPem, identity.chainPem);
    store.checkpoints.save(signed);
    // The region's other servers hold it too: any of them can show a client what this one signed.
    void shared?.ledger.checkpoint(signed);
    for (const session of sessions) session.pump();
    return signed;
  };

  // Signer certificates of commands are checked against the same root and CRLs as TLS peers.
  let envelopeTrust: EnvelopeTrust | null = null;
  let loadedCrls: string[] = [];
  const tlsOptions = () => {
    const { ca, crl } = trust();
    envelopeTrust = { root: new X509Certificate(ca[0] ?? ''), revocation: revocationList(crl, log) };
    loadedCrls = crl;
    return {
      key: identity.keyPem,
      cert: identity.chainPem.join('\n'),
      ca,
      crl,
      requestCert: true,
      // Verification outcome is read per connection so every refusal is logged with its reason.
      rejectUnauthorized: false,
      minVersion: 'TLSv1.3' as const,
      maxVersion: 'TLSv1.3' as const,
    };
  };
  const handshakeTimeout = options.handshakeTimeoutMs ?? 10_000;
  const server: Server = createServer({ ...tlsOptions(), handshakeTimeout, connectionsCheckingInterval: Math.min(handshakeTimeout, 5_000) });
  // Taken after the load (which may have rewritten a stale CRL), so only later changes count.
  let stamp = trustFilesStamp(options.trustDir);
  // A slow or idle peer between the handshake and the upgrade is cut off as soon too.
  server.headersTimeout = handshakeTimeout;
  server.requestTimeout = handshakeTimeout;
  const pending = capPendingConnections(server, options.pendingLimit ?? 64, log);
  disposables.add(() => pending.dispose());
  let lastReload = Date.now();
  const reloadTrust = () => {
    lastReload = Date.now();
    stamp = trustFilesStamp(options.trustDir);
    try {
      server.setSecureContext(tlsOptions());
    } catch (err) {
      log(`could not reload the CRLs: ${(err as Error).message}`);
    }
  };
  const crlTimer = setInterval(reloadTrust, (options.crlReloadSeconds ?? 30) * 1000);
  disposables.add(() => clearInterval(crlTimer));

  server.on('tlsClientError', (err, socket) => log(`refused handshake from ${socket.remoteAddress ?? '?'}: ${err.message}`));
  server.on('secureConnection', (socket: TLSSocket) => {
    const outcome = refusalOf(socket, options.region, envelopeTrust?.root ?? null, mirror !== null);
    if ('reason' in outcome) {
      log(`refused connection from ${socket.remoteAddress ?? '?'}: ${outcome.reason}`);
      if (outcome.refusedPeer && REGISTRY_ROLES.has(outcome.refusedPeer.role)) auditRegistryDoor(outcome.refusedPeer, outcome.reason);
      // The socket stays open just long enough for the upgrade to be answered 403 with the
      // reason, so the client can show why; nothing else is served on it.
      const timer = setTimeout(() => socket.destroy(), REFUSED_SOCKET_MS);
      socket.once('close', () => clearTimeout(timer));
      // A region intermediate issued since the last load has a CRL we have not read yet: reload,
      // but only when the trust files changed (a foreign CA or a replayed attempt costs nothing).
      if (String(socket.authorizationError) === 'UNABLE_TO_GET_CRL' && !outcome.reason.includes('foreign CA') && Date.now() - lastReload > 2000) {
        const now = trustFilesStamp(options.trustDir);
        if (now !== stamp) {
          log('trust files changed since they were loaded: reloading the CRLs');
          reloadTrust();
        }
      }
    }
  });
  server.on('request', (_req, res) => res.writeHead(426, { Connection: 'close' }).end('WebSocket only\n'));

  const clock = options.now ?? Date.now;
  let pinned: number | null = null;
  const executor = createCommandExecutor({
    store,
    trust: () => {
      if (!envelopeTrust) throw new Error('trust material not loaded');
      return envelopeTrust;
    },
    now: () => pinned ?? clock(),
    log,
  });
  /** A contributor or verifier of another province knocking is part of the registry's audit trail. */
  const auditRegistryDoor = (peer: PeerIdentity, reason: string) => {
    try {
      commands.ledger.audit({ time: new Date((options.now ?? Date.now)()).toISOString(), commandId: `connect:${randomUUID()}`, kind: 'registry connect', signerSubject: null, peerSubject: peer.subject, status: 'refused', code: 'scope', reason, seq: null });
    } catch (err) {
      log(`registry connect: the audit could not be written: ${(err as Error).message}`);
    }
  };
  const logBacked = shared
    ? createLogBackedCommands({ store, log: shared.log, ledger: shared.ledger, executor, now: clock, pinClock: (at) => (pinned = at), onProjected: () => notifyAppended() })
    : null;
  const commands: CommandPath = mirror ? readOnlyCommands(executor, options.region, log) : (logBacked ?? executor);
  if (mirror) {
    // What the mirror received from the region reaches this projection and its clients.
    const follow = setInterval(() => {
      mirror.follow().then(
        (moved) => moved && notifyAppended(),
        (err: Error) => log(`national mirror: could not follow: ${err.message}`),
      );
    }, options.followMs ?? 250);
    disposables.add(() => clearInterval(follow));
  }
  if (logBacked) {
    // Events the region's other servers appended reach this projection and its clients.
    const follow = setInterval(() => {
      logBacked.follow().then(
        (moved) => moved && notifyAppended(),
        (err: Error) => log(`region log: could not follow: ${err.message}`),
      );
    }, options.followMs ?? 250);
    disposables.add(() => clearInterval(follow));
  }
  const rateLimits = { ...DEFAULT_COMMAND_RATE, ...options.commandRate };
  const commandRate = createCommandRate(rateLimits, (window) => {
    const reason = `${window.refused} command(s) refused from ${window.from.toISOString()} to ${window.to.toISOString()}: over ${window.limits.perConnection} per connection or ${window.limits.perCertificate} per certificate in ${window.limits.windowMs / 1000} s`;
    log(`rate limit: ${window.subject}: ${reason}`);
    try {
      commands.ledger.audit({ time: window.to.toISOString(), commandId: `rate-limit:${window.from.toISOString()}`, kind: 'rate-limit', signerSubject: null, peerSubject: window.subject, status: 'refused', code: 'rate-limited', reason, seq: null });
    } catch (err) {
      log(`rate limit: the audit could not be written: ${(err as Error).message}`);
    }
  });
  // Before the store closes: the windows still open are audited with what they counted.
  disposables.add(() => commandRate.flushAll());
  const sessions = new Set<ReturnType<typeof runSession>>();
  const wss = new WebSocketServer({
    server,
    maxPayload: MAX_FRAME_BYTES,
    verifyClient: (info: { req: IncomingMessage }, done: (ok: boolean, code?: number, message?: string) => void) => {
      const outcome = refusalOf(info.req.socket as TLSSocket, options.region, envelopeTrust?.root ?? null, mirror !== null);
      if ('reason' in outcome) done(false, 403, `refused: ${outcome.reason}`);
      else done(true);
    },
  });
  wss.on('connection', (ws, req) => {
    const outcome = refusalOf(req.socket as TLSSocket, options.region, envelopeTrust?.root ?? null, mirror !== null);
    if ('reason' in outcome) return ws.terminate();
    const certificate = (req.socket as TLSSocket).getPeerCertificate().fingerprint256;
    const registryOnly = REGISTRY_ROLES.has(outcome.peer.role);
    const session = registryOnly
      ? runRegistrySession(ws, {
          store,
          ledger: commands.ledger,
          serverId,
          peer: outcome.peer,
          log,
          now: options.now ?? Date.now,
          onAppended: () => notifyAppended(),
          onGreeted: () => pending.greeted(ws),
          helloTimeoutMs: options.helloTimeoutMs ?? 10_000,
          rate: commandRate.connection(certificate, outcome.peer.subject),
        })
      : runSession(ws, {
      store,
      commands,
      serverId,
      peer: outcome.peer,
      latestCheckpoint: () => store.checkpoints.latest(options.region),
      checkpointNow: () => checkpoint(),
      retainEvents: options.retainEvents ?? Number.POSITIVE_INFINITY,
      onAppended: () => notifyAppended(),
      log,
      helloTimeoutMs: options.helloTimeoutMs ?? 10_000,
      onAck: options.onAck,
      crls: () => loadedCrls,
      rate: commandRate.connection(certificate, outcome.peer.subject),
      onGreeted: () => pending.greeted(ws),
      ...(logBacked ? { catchUp: () => logBacked.follow().then((moved) => moved && notifyAppended()) } : {}),
      ...(mirror ? { catchUp: () => mirror.follow().then((moved) => moved && notifyAppended()) } : {}),
    });
    sessions.add(session);
    // Heartbeat: a peer that stops answering pings is dropped, freeing its session.
    let alive = true;
    ws.on('pong', () => (alive = true));
    const heartbeat = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, options.heartbeatMs ?? 15_000);
    ws.on('close', (code) => {
      clearInterval(heartbeat);
      sessions.delete(session);
      log(`session closed: ${outcome.peer.subject} (${code})`);
    });
    log(`session opened: ${outcome.peer.subject} (${outcome.peer.role})`);
  });
  disposables.add(
    () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  );

  let sinceCheckpoint = 0;
  const every = options.checkpointEvery ?? 500;
  const notifyAppended = () => {
    sinceCheckpoint++;
    if (sinceCheckpoint >= every) {
      sinceCheckpoint = 0;
      checkpoint();
    }
    for (const session of sessions) session.pump();
  };
  const checkpointTimer = setInterval(() => {
    sinceCheckpoint = 0;
    checkpoint();
  }, (options.checkpointSeconds ?? 10) * 1000);
  disposables.add(() => clearInterval(checkpointTimer));
  checkpoint();

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  disposables.add(
    () =>
      new Promise<void>((resolve) => {
        // Upgraded (WebSocket) sockets still count as connections: end them first or close() waits forever.
        for (const client of wss.clients) client.terminate();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const port = (server.address() as AddressInfo).port;
  return {
    url: `wss://${host}:${port}`,
    store,
    checkpoint,
    notifyAppended,
    reloadTrust,
    commands,
    close: () => disposables.dispose(),
  };
}
