import { createHash } from 'node:crypto';
import type { WebSocket } from 'ws';
import { parseFrame, PROTOCOL_VERSION, type ClientFrame, type ServerFrame } from '../../shared/protocol/frames';
import { registrySessionFrameSchema, type RegistryOp, type RegistryServerFrame } from '../../shared/protocol/registry-frames';
import { assetFileSchema } from '../../shared/domain/registry';
import { authorize, type Action } from '../../shared/domain/roles';
import { guardSocket } from '../net/ws-guard';
import type { PeerIdentity } from '../pki';
import type { CommandLedger } from '../commands/command-ledger';
import { balanceOf, readAssets, readHolderInstructions, readMeters, registryLedger, traceAsset } from '../registry/registry-log';
import type { RateDecision } from './command-rate';
import type { RegionalStore } from './regional-store';

/** Roles whose connection gets a registry-only session instead of the region's event stream. */
export const REGISTRY_ROLES: ReadonlySet<string> = new Set(['contributor', 'registry-verifier']);

export interface RegistrySessionDeps {
  store: RegionalStore;
  ledger: CommandLedger;
  serverId: string;
  peer: PeerIdentity;
  log(line: string): void;
  now(): number;
  onAppended(): void;
  /** Called once the hello is accepted: the connection is no longer pending. */
  onGreeted(): void;
  helloTimeoutMs: number;
  /** The command rate of this connection and certificate: registry requests and refused frames count as commands. */
  rate?: { take(): RateDecision };
}

type Outcome =
  | { status: 'accepted'; seq: number | null; value: unknown }
  | { status: 'refused'; code: string; reason: string };

type Refused = Extract<Outcome, { status: 'refused' }>;
const refused = (code: string, reason: string): Refused => ({ status: 'refused', code, reason });
const read = (value: unknown): Outcome => ({ status: 'accepted', seq: null, value });

/** What each request needs: the contributor's own-registry rights or the verifier's. */
const ACTION: Record<RegistryOp['op'], Action> = {
  register: 'register-civilian-asset',
  withdraw: 'register-civilian-asset',
  assets: 'read-own-registry',
  asset: 'read-own-registry',
  meters: 'read-own-registry',
  ledger: 'read-own-registry',
  instructions: 'read-own-registry',
  verify: 'verify-civilian-asset',
  onboard: 'verify-civilian-asset',
  suspend: 'verify-civilian-asset',
  meter: 'verify-civilian-asset',
};
const READS = new Set<RegistryOp['op']>(['assets', 'asset', 'meters', 'ledger', 'instructions']);

/** What a refused command frame was, named as the ordinary session's audit names it. */
function commandKindOf(frame: Extract<ClientFrame, { type: 'command' }>): string {
  if (frame.kind === 'signed') {
    const kind = (frame.envelope as { body?: { kind?: unknown } } | null)?.body?.kind;
    return typeof kind === 'string' ? kind.slice(0, 64) : 'signed';
  }
  const type = (frame.draft as { type?: unknown } | null)?.type;
  return `record-event ${typeof type === 'string' ? type.slice(0, 64) : 'unknown'}`;
}

/**
 * The contributor firewall: a contributor's or registry verifier's connection. Hello is answered
 * with a registry welcome and nothing of the region's log, snapshot or checkpoints is ever sent;
 * every frame of the ordinary protocol but ping is refused (`firewall`) and audited; a registry
 * request is checked against the role matrix and, for a contributor, against ownership.
 */
export function runRegistrySession(ws: WebSocket, deps: RegistrySessionDeps) {
  const { store, peer } = deps;
  const region = store.region;
  let greeted = false;
  const helloTimer = setTimeout(() => {
    send({ type: 'error', code: 'timeout', message: `no hello within ${deps.helloTimeoutMs} ms` });
    ws.close(1008, 'timeout');
  }, deps.helloTimeoutMs);
  ws.on('close', () => clearTimeout(helloTimer));
  const send = (frame: RegistryServerFrame | ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const audit = (requestId: string, kind: string, outcome: Outcome) => {
    deps.ledger.audit({
      time: new Date(deps.now()).toISOString(),
      commandId: requestId,
      kind,
      signerSubject: null,
      peerSubject: peer.subject,
      status: outcome.status,
      code: outcome.status === 'refused' ? outcome.code : null,
      reason: outcome.status === 'refused' ? outcome.reason : null,
      seq: outcome.status === 'accepted' ? outcome.seq : null,
    });
    if (outcome.status === 'refused') deps.log(`registry ${kind} from ${peer.subject}: refused [${outcome.code}] ${outcome.reason}`);
  };
  const firewall = (what: string) => `${peer.role} connections are registry-only (contributor firewall): ${what} is refused`;

  /** Appends a lifecycle event as this peer, idempotent by request id. */
  const append = (requestId: string, type: string, payload: unknown, instructionId: string | null = null): Outcome => {
    const result = store.append(
      requestId,
      { region, type, eventTime: new Date(deps.now()).toISOString(), actor: { subject: peer.subject, role: peer.role }, instructionId, payload },
      new Date(deps.now()),
    );
    return result.status === 'accepted' ? { status: 'accepted', seq: result.seq, value: null } : refused(result.code, result.reason);
  };

  /** An asset this peer may act on: a contributor's own, or any of the region for a verifier. */
  const reachable = (assetId: string): Outcome | null => {
    const [asset] = readAssetById(assetId);
    if (asset && (peer.role !== 'contributor' || asset.owner === peer.subject)) return null;
    // The same answer whether the asset is someone else's or absent: nothing leaks about others.
    return refused(peer.role === 'contributor' ? 'firewall' : 'unknown-asset', `no asset ${assetId} among ${peer.role === 'contributor' ? 'your own' : `the assets of region ${region}`}`);
  };
  const readAssetById = (assetId: string) => readAssets(store.replica.db, { region }).filter((a) => a.assetId === assetId);

  const decide = (requestId: string, op: RegistryOp): Outcome => {
    // A verifier reads the assets of its province (pending verifications) under its own right.
    const action = READS.has(op.op) && peer.role === 'registry-verifier' ? 'verify-civilian-asset' : ACTION[op.op];
    const verdict = authorize({ role: peer.role, region: peer.region, depot: peer.depot }, action, { region });
    if (!verdict.allowed) return refused(peer.role === 'contributor' ? 'firewall' : 'role', verdict.reason);
    const db = store.replica.db;
    const own = peer.role === 'contributor' ? { owner: peer.subject } : {};
    switch (op.op) {
      case 'register': {
        const asset = assetFileSchema.safeParse(op.asset);
        if (!asset.success) return refused('malformed', `the asset file is invalid: ${asset.error.issues.map((i) => `"${i.path.join('.')}": ${i.message}`).join('; ')}`);
        // Derived from the request id, so a retried registration names the same asset.
        const assetId = `CA-${region}-${createHash('sha256').update(`${peer.subject}\n${requestId}`).digest('hex').slice(0, 12)}`;
        const outcome = append(requestId, 'registry.asset-registered', { assetId, owner: peer.subject, asset: asset.data });
        return outcome.status === 'accepted' ? { ...outcome, value: { assetId } } : outcome;
      }
      case 'withdraw':
        return reachable(op.assetId) ?? append(requestId, 'registry.asset-withdrawn', { assetId: op.assetId, reason: op.reason });
      case 'assets': {
        const assets = readAssets(db, { region, ...own });
        const ledger = registryLedger(db, { region, ...(peer.role === 'contributor' ? { contributor: peer.subject } : {}) });
        return read(assets.map((a) => ({ ...a, balance: balanceOf(ledger.filter((e) => e.assetId === a.assetId), a.owner) })));
      }
      case 'asset': {
        // The asset with what it became and its whole trace (who, when, on what instruction, what).
        const blocked = reachable(op.assetId);
        if (blocked) return blocked;
        const trace = traceAsset(db, op.assetId);
        return read(trace ? { ...trace.asset, resource: trace.resource, steps: trace.steps } : null);
      }
      case 'meters':
        return read(readMeters(db, peer.subject));
      case 'instructions':
        return read(readHolderInstructions(db, region, peer.subject));
      case 'ledger': {
        const entries = registryLedger(db, { region, contributor: peer.subject });
        return read({ entries, balance: balanceOf(entries, peer.subject) });
      }
      case 'verify':
        return reachable(op.assetId) ?? append(requestId, 'registry.asset-verified', { assetId: op.assetId, passed: op.passed, reason: op.reason, evidence: op.evidence });
      case 'onboard':
        return reachable(op.assetId) ?? append(requestId, 'registry.asset-onboarded', { assetId: op.assetId }, op.instructionId ?? null);
      case 'suspend':
        return reachable(op.assetId) ?? append(requestId, 'registry.asset-suspended', { assetId: op.assetId, reason: op.reason });
      case 'meter':
        return reachable(op.assetId) ?? append(requestId, 'registry.asset-metered', { assetId: op.assetId, recordId: op.recordId, kind: op.kind, amount: op.amount, at: op.at });
    }
  };

  ws.on('message', (data, isBinary) => {
    if (isBinary) return ws.close(1008, 'malformed');
    const parsed = parseFrame(registrySessionFrameSchema, data as Buffer);
    if (!parsed.ok) {
      send({ type: 'error', code: parsed.code, message: parsed.message });
      return ws.close(1008, parsed.code);
    }
    const frame = parsed.frame;
    // Over the limit: refused undecided and not audited one by one (the window is audited once),
    // so neither registrations nor refused attempts can grow the store without bound.
    if (frame.type === 'registry' || frame.type === 'command' || frame.type === 'ack') {
      const allowed = deps.rate?.take() ?? { ok: true };
      if (!allowed.ok) {
        if (frame.type === 'registry') {
          send({ type: 'registry-result', requestId: frame.requestId, status: 'refused', code: 'rate-limited', reason: allowed.reason, seq: null, value: null });
        } else if (frame.type === 'command') {
          send({ type: 'commandResult', commandId: frame.commandId, status: 'refused', code: 'rate-limited', reason: allowed.reason, seq: null });
        } else {
          send({ type: 'registry-refused', frame: 'ack', code: 'rate-limited', reason: allowed.reason });
        }
        return;
      }
    }
    switch (frame.type) {
      case 'hello':
        if (frame.protocol !== PROTOCOL_VERSION) {
          send({ type: 'error', code: 'incompatible', message: `protocol ${frame.protocol} is not supported; this server speaks protocol ${PROTOCOL_VERSION}` });
          return ws.close(1008, 'incompatible');
        }
        if (greeted) return;
        greeted = true;
        clearTimeout(helloTimer);
        deps.onGreeted();
        send({ type: 'registry-welcome', protocol: PROTOCOL_VERSION, serverId: deps.serverId, region, role: peer.role, subject: peer.subject });
        return;
      case 'ping':
        send({ type: 'pong', t: frame.t });
        return;
      case 'ack': {
        const outcome = refused('firewall', firewall(`reading the event stream of region ${frame.region}`));
        audit(`ack:${frame.region}:${frame.seq}`, 'stream ack', outcome);
        send({ type: 'registry-refused', frame: 'ack', code: 'firewall', reason: outcome.reason });
        return;
      }
      case 'command': {
        const kind = commandKindOf(frame);
        const outcome = refused('firewall', firewall(`a ${kind} command`));
        audit(frame.commandId, kind, outcome);
        send({ type: 'commandResult', commandId: frame.commandId, status: 'refused', code: 'firewall', reason: outcome.reason, seq: null });
        return;
      }
      case 'registry': {
        const outcome = greeted ? decide(frame.requestId, frame.request) : refused('out-of-order', 'registry request before hello');
        if (!READS.has(frame.request.op) || outcome.status === 'refused') audit(frame.requestId, `registry ${frame.request.op}`, outcome);
        if (outcome.status === 'accepted' && outcome.seq !== null) deps.onAppended();
        send(
          outcome.status === 'accepted'
            ? { type: 'registry-result', requestId: frame.requestId, status: 'accepted', code: null, reason: null, seq: outcome.seq, value: outcome.value }
            : { type: 'registry-result', requestId: frame.requestId, status: 'refused', code: outcome.code, reason: outcome.reason, seq: null, value: null },
        );
        return;
      }
    }
  });
  guardSocket(ws, { label: `registry session ${peer.subject}`, log: deps.log, errorFrame: () => null });
  // Nothing of the region's log is ever pushed to this connection.
  return { pump: () => undefined };
}
