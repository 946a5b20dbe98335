import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { signEnvelope } from '../src/core/commands/sign-envelope';
import { exportTrust, initPki, issueCertificate, loadIdentityFile, type Identity } from '../src/core/pki';
import { startRegionalServer, type RegionalServer } from '../src/core/regional/regional-server';
import { openRegionalStore } from '../src/core/regional/regional-store';
import { seedInto } from '../src/core/seed/seed-replica';
import type { EmergencyLevel } from '../src/shared/domain/emergency';
import type { SignedEnvelope } from '../src/shared/protocol/command-envelope';
import { PROTOCOL_VERSION } from '../src/shared/protocol/frames';
import { round } from './lib/measure';
import { WORK_DIR, writeResult } from './lib/results';

/**
 * Fan-out of an emergency level change: CLIENTS headless clients (mutual TLS 1.3, the real
 * protocol: hello, events, acks) follow one Hunan regional server on loopback. An officer
 * proposes level II and a second co-signs; we time from the co-signature's commandResult
 * (the confirmation the officer sees) until each client holds the level-changed event.
 * Baseline in the same run: the same fan-out of an ordinary movement (a depot operator's
 * stock issue), timed from its commandResult the same way. Bounded: CLIENTS connections,
 * ROUNDS changes of each kind, every wait capped at WAIT_MS.
 */
const log = (line: string) => process.stderr.write(`${line}\n`);
const REGION = '430000';
const CLIENTS = Number(process.env.INRS_BENCH_EMERGENCY_CLIENTS ?? 200);
const ROUNDS = Number(process.env.INRS_BENCH_EMERGENCY_ROUNDS ?? 10);
const WAIT_MS = 30_000;

interface Follower {
  ws: WebSocket;
  /** seq → performance.now() when the events frame holding it arrived. */
  seen: Map<number, number>;
}

function within<T>(what: string, run: (resolve: (value: T) => void, reject: (err: Error) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`)), WAIT_MS);
    run(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

function connect(url: string, rootPem: string, identity: Identity, cursor: number, onFrame?: (frame: Record<string, unknown>) => void): Promise<Follower> {
  const ws = new WebSocket(url, { ca: [rootPem], key: identity.keyPem, cert: identity.chainPem.join('\n'), minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3', perMessageDeflate: false });
  const follower: Follower = { ws, seen: new Map() };
  return within('a client to be welcomed', (resolve, reject) => {
    ws.on('error', reject);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, clientId: `bench-${Math.random().toString(36).slice(2)}`, schema: 5, cursors: { [REGION]: cursor } })));
    ws.on('message', (data) => {
      const at = performance.now();
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      if (frame.type === 'welcome') resolve(follower);
      if (frame.type === 'events') {
        const events = frame.events as { seq: number }[];
        for (const e of events) follower.seen.set(e.seq, at);
        ws.send(JSON.stringify({ type: 'ack', region: REGION, seq: events.at(-1)?.seq ?? 0 }));
      }
      onFrame?.(frame);
    });
  });
}

/** An officer's or operator's connection that sends commands and awaits each result. */
async function commander(url: string, rootPem: string, identity: Identity, cursor: number) {
  const waiting = new Map<string, (frame: Record<string, unknown>) => void>();
  const follower = await connect(url, rootPem, identity, cursor, (frame) => {
    if (frame.type === 'commandResult') waiting.get(String(frame.commandId))?.(frame);
  });
  return {
    follower,
    send(frame: { commandId: string }): Promise<{ at: number; seq: number }> {
      return within(`the result of ${frame.commandId}`, (resolve, reject) => {
        waiting.set(frame.commandId, (result) => {
          const at = performance.now();
          waiting.delete(frame.commandId);
          if (result.status !== 'accepted') reject(new Error(`command refused: [${String(result.code)}] ${String(result.reason)}`));
          else resolve({ at, seq: Number(result.seq) });
        });
        follower.ws.send(JSON.stringify(frame));
      });
    },
  };
}

/** Resolves once every follower holds `seq`, with each one's delay from `from` (ms). */
function fanOut(followers: Follower[], seq: number, from: number): Promise<number[]> {
  return within(`seq ${seq} on ${followers.length} clients`, (resolve) => {
    const check = () => {
      if (followers.every((f) => f.seen.has(seq))) return resolve(followers.map((f) => (f.seen.get(seq) ?? 0) - from));
      setTimeout(check, 2);
    };
    check();
  });
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { samples: s.length, p50Ms: round(at(0.5)), p99Ms: round(at(0.99)), maxMs: round(s.at(-1) ?? NaN), beforeConfirmation: s.filter((x) => x < 0).length };
}

const signedFrame = (envelope: SignedEnvelope) => ({ type: 'command', commandId: envelope.commandId, kind: 'signed', envelope });

export async function runEmergencyBench(): Promise<string> {
  const dir = join(WORK_DIR, 'emergency');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let server: RegionalServer | null = null;
  const sockets: WebSocket[] = [];
  try {
    log(`emergency fan-out: PKI, seeded ${REGION} store, ${CLIENTS} clients, ${ROUNDS} rounds`);
    const pkiDir = join(dir, 'pki');
    const { rootPem } = initPki(pkiDir);
    const issue = (name: string, options: { kind: 'server' | 'client'; role?: string; depot?: string }) => {
      const out = join(dir, `${name}.p12`);
      issueCertificate(pkiDir, { region: REGION, name, out, ...options });
      return loadIdentityFile(out);
    };
    const dataDir = join(dir, 'store');
    const store = openRegionalStore(dataDir, REGION);
    seedInto(store.replica, { scale: 'tiny', seed: 7, asOf: '2026-06-01T00:00:00.000Z', regions: ['000000', REGION] });
    const lot = store.replica.db
      .prepare<[string, string], { lot_id: string; depot: string; instruction: string }>(
        `SELECT s.lot_id, s.depot, (SELECT id FROM instructions WHERE region = ? ORDER BY id LIMIT 1) AS instruction
         FROM lot_stock s JOIN depots d ON d.code = s.depot WHERE d.region = ? ORDER BY s.quantity DESC LIMIT 1`,
      )
      .get(REGION, REGION)!;
    store.close();

    issue('bench-server', { kind: 'server' });
    const officerA = issue('officer-a', { kind: 'client', role: 'duty-officer' });
    const officerB = issue('officer-b', { kind: 'client', role: 'duty-officer' });
    const operator = issue('operator', { kind: 'client', role: 'depot-operator', depot: lot.depot });
    const wall = issue('wall', { kind: 'client', role: 'wall' });
    server = await startRegionalServer({
      region: REGION,
      dataDir,
      trustDir: exportTrust(pkiDir, join(dir, 'trust')).dir,
      identityFile: join(dir, 'bench-server.p12'),
      port: 0,
      checkpointEvery: 1_000_000,
      checkpointSeconds: 3600,
      log: () => undefined,
    });
    const head = server.store.head().seq;

    const connectStarted = performance.now();
    const followers: Follower[] = [];
    for (let i = 0; i < CLIENTS; i++) followers.push(await connect(server.url, rootPem, wall, head));
    sockets.push(...followers.map((f) => f.ws));
    const connectSeconds = round((performance.now() - connectStarted) / 1000);
    const a = await commander(server.url, rootPem, officerA, head);
    const b = await commander(server.url, rootPem, officerB, head);
    const op = await commander(server.url, rootPem, operator, head);
    sockets.push(a.follower.ws, b.follower.ws, op.follower.ws);
    log(`  ${CLIENTS} clients connected in ${connectSeconds} s`);

    const levelDelays: number[] = [];
    const movementDelays: number[] = [];
    let level: EmergencyLevel = 'normal';
    for (let round_ = 0; round_ < ROUNDS; round_++) {
      // Baseline: an ordinary movement.
      const movement = {
        type: 'command',
        commandId: `bench-movement-${round_}-${Date.now()}`,
        kind: 'record-event',
        draft: {
          region: REGION,
          type: 'stock.issued',
          eventTime: new Date().toISOString(),
          actor: { subject: 'server-fills-this', role: 'wall' },
          instructionId: lot.instruction,
          payload: { lotId: lot.lot_id, depot: lot.depot, quantity: 1, recipient: 'bench' },
        },
      };
      const moved = await op.send(movement);
      movementDelays.push(...(await fanOut(followers, moved.seq, moved.at)));

      // Two officers: normal → II, or back.
      const to: EmergencyLevel = level === 'normal' ? 'II' : 'normal';
      const proposal = signEnvelope({ region: REGION, expectedLevel: level, body: { kind: 'emergency.propose', toLevel: to, plan: '防汛应急预案', reason: 'bench' } }, officerA);
      await a.send(signedFrame(proposal));
      const cosign = signEnvelope({ region: REGION, expectedLevel: level, body: { kind: 'emergency.cosign', proposalId: proposal.commandId } }, officerB);
      const confirmed = await b.send(signedFrame(cosign));
      levelDelays.push(...(await fanOut(followers, confirmed.seq, confirmed.at)));
      level = to;
    }

    const levelChange = stats(levelDelays);
    const movement = stats(movementDelays);
    return writeResult('emergency', {
      clients: CLIENTS,
      rounds: ROUNDS,
      connectSeconds,
      measured: 'from the commandResult reaching the signing officer (co-signature / movement) to each client receiving the event; all in one process on loopback, mutual TLS 1.3',
      levelChangedFanOut: levelChange,
      movementFanOutBaseline: movement,
      ratioP50LevelToMovement: round(levelChange.p50Ms / movement.p50Ms, 3),
      ratioP99LevelToMovement: round(levelChange.p99Ms / movement.p99Ms, 3),
    });
  } finally {
    for (const ws of sockets) ws.terminate();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
