import Database from 'better-sqlite3-multiple-ciphers';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import WebSocket, { WebSocketServer } from 'ws';
import { EMPTY_HEAD, sealEvent, type ChainHead } from '../src/core/chain/seal';
import { createEventReader } from '../src/core/log/event-rows';
import { exportTrust, identityPassphrasePath, initPki, issueCertificate, loadIdentityFile, spkiPin, trustStore, type Identity } from '../src/core/pki';
import { startRegionalServer, type RegionalServer } from '../src/core/regional/regional-server';
import { STORE_FILE, STORE_KEY_FILE } from '../src/core/regional/regional-store';
import { ensureKeyFile } from '../src/core/replica/key-file';
import { openReplica } from '../src/core/replica/replica';
import { generateRegionLog, loadPrefectures, seedRegions } from '../src/core/seed';
import { DEFAULT_AS_OF, DEFAULT_SEED } from '../src/core/seed/defaults';
import { RegionLink } from '../src/core/sync/region-link';
import type { ReplicaSink } from '../src/core/sync/replica-sink';
import { APPLY_CHECKPOINT_PAGES, createSyncOps } from '../src/core/sync/sync-ops';
import type { SealedEvent } from '../src/shared/domain/events';
import { EVENTS_PER_FRAME, MAX_FRAME_BYTES } from '../src/shared/protocol/frames';
import { round } from './lib/measure';
import { WORK_DIR, writeResult } from './lib/results';

/**
 * Sync benchmarks, each against a baseline measured in the same run:
 * - catch-up apply: 1M sealed events applied in 1000-event batches (the link's frames)
 *   through the sync path into the encrypted replica, against plain INSERTs of the same
 *   rows into an events-like table (same columns and key, same library, same batches);
 * - protocol throughput: a region's log streamed by a regional server over WSS with mutual
 *   TLS 1.3 to a RegionLink (frames parsed and checked, acked; nothing written), against the
 *   same frames as bare ws messages over plain ws on loopback (and over bare mutual-TLS wss);
 * - reconnect to live: the server is stopped and restarted on its port; time from the
 *   restart until the link is live again.
 */
const log = (line: string) => process.stderr.write(`${line}\n`);
const NATIONAL = '000000';
const APPLY_EVENTS = Number(process.env.INRS_BENCH_SYNC_EVENTS ?? 1_000_000);
/** Events streamed per protocol run (from the largest region's log). */
const STREAM_EVENTS = 200_000;
const STREAM_RUNS = 3;
const RECONNECT_RUNS = 7;

const median = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

/**
 * Sealed events in batches of EVENTS_PER_FRAME: the national reference log, then whole
 * regions at national scale (the seed generator's logs, sealed as a server seals them) until
 * `target` region events; the last region is cut short (a prefix of a log is a valid log).
 */
function* sealedBatches(target: number): Generator<{ region: string; events: SealedEvent[] }> {
  const prefectures = loadPrefectures();
  let total = 0;
  for (const region of seedRegions()) {
    let head: ChainHead = EMPTY_HEAD;
    let batch: SealedEvent[] = [];
    for (const draft of generateRegionLog(region, { scale: 'national', seed: DEFAULT_SEED, asOf: DEFAULT_AS_OF }, prefectures)) {
      const sealed = sealEvent(draft, head, draft.eventTime);
      head = { seq: sealed.seq, hash: sealed.hash };
      batch.push(sealed);
      if (region !== NATIONAL && total + batch.length >= target) break;
      if (batch.length === EVENTS_PER_FRAME) {
        yield { region, events: batch };
        if (region !== NATIONAL) total += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) {
      yield { region, events: batch };
      if (region !== NATIONAL) total += batch.length;
    }
    if (total >= target) return;
  }
}

const RAW_TABLE = `CREATE TABLE events_raw (
  region TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL,
  event_time TEXT NOT NULL, record_time TEXT NOT NULL, actor_subject TEXT NOT NULL, actor_role TEXT NOT NULL,
  instruction_id TEXT, payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
  PRIMARY KEY (region, seq)
) STRICT, WITHOUT ROWID`;

/** A database with the replica's journal settings and an events-like table, written with plain INSERTs. */
function rawTarget(file: string, key: Buffer | null) {
  const db = new Database(file);
  if (key) {
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${key.toString('hex')}'"`);
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // The checkpoint interval the sync path gives its connection (sync-ops.ts), so both pay alike.
  db.pragma(`wal_autocheckpoint = ${APPLY_CHECKPOINT_PAGES}`);
  db.exec(RAW_TABLE);
  const insert = db.prepare('INSERT INTO events_raw VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertBatch = db.transaction((events: SealedEvent[]) => {
    for (const e of events) {
      insert.run(e.region, e.seq, e.id, e.type, e.eventTime, e.recordTime, e.actor.subject, e.actor.role, e.instructionId, JSON.stringify(e.payload), e.prevHash, e.hash);
    }
  });
  return { insertBatch, close: () => db.close() };
}

function fresh(file: string): string {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  return file;
}

/** Catch-up apply of ~1M events: the encrypted replica against raw INSERTs, batch by batch in turn. */
function catchUpApply(dir: string) {
  const storeDir = join(dir, 'store');
  mkdirSync(storeDir, { recursive: true });
  const { key } = ensureKeyFile(join(storeDir, STORE_KEY_FILE));
  // The replica doubles as the regional server's store for the protocol benchmarks below.
  const replica = openReplica(fresh(join(storeDir, STORE_FILE)), key, { create: true });
  const ops = createSyncOps(replica);
  const plain = rawTarget(fresh(join(dir, 'raw-plain.db')), null);
  const encrypted = rawTarget(fresh(join(dir, 'raw-encrypted.db')), key);
  const ms = { generate: 0, apply: 0, rawPlain: 0, rawEncrypted: 0 };
  const regions = new Map<string, number>();
  let events = 0;
  let started = performance.now();
  const batches = sealedBatches(APPLY_EVENTS);
  for (;;) {
    const next = batches.next();
    ms.generate += performance.now() - started;
    if (next.done) break;
    const { region, events: batch } = next.value;
    // The national reference log comes first and is not counted.
    if (region === NATIONAL) {
      ops.apply(region, batch);
      started = performance.now();
      continue;
    }
    let t = performance.now();
    ops.apply(region, batch);
    ms.apply += performance.now() - t;
    t = performance.now();
    plain.insertBatch(batch);
    ms.rawPlain += performance.now() - t;
    t = performance.now();
    encrypted.insertBatch(batch);
    ms.rawEncrypted += performance.now() - t;
    events += batch.length;
    regions.set(region, (regions.get(region) ?? 0) + batch.length);
    if (events % 100_000 < EVENTS_PER_FRAME) log(`  ${events} events (apply ${Math.round(ms.apply / 1000)} s so far)`);
    started = performance.now();
  }
  replica.db.pragma('wal_checkpoint(TRUNCATE)');
  replica.close();
  plain.close();
  encrypted.close();
  const rate = (millis: number) => Math.round(events / (millis / 1000));
  const figures = {
    events,
    regions: Object.fromEntries(regions),
    built: 'the seed generator\'s national-scale logs of the first regions in adcode order, sealed in this run (the last region cut short)',
    batchEvents: EVENTS_PER_FRAME,
    generateAndSealSeconds: round(ms.generate / 1000, 1),
    replicaApplyEventsPerSecond: rate(ms.apply),
    rawInsertPlaintextEventsPerSecond: rate(ms.rawPlain),
    rawInsertEncryptedEventsPerSecond: rate(ms.rawEncrypted),
    ratioApplyToRawPlaintext: round(rate(ms.apply) / rate(ms.rawPlain), 3),
    ratioApplyToRawEncrypted: round(rate(ms.apply) / rate(ms.rawEncrypted), 3),
  };
  log(`  apply ${figures.replicaApplyEventsPerSecond}/s, raw plaintext ${figures.rawInsertPlaintextEventsPerSecond}/s, raw encrypted ${figures.rawInsertEncryptedEventsPerSecond}/s`);
  return { figures, storeDir, regions };
}

/** A sink that only keeps the cursor (and the hashes a checkpoint is checked against): the protocol without SQLite. */
function countingSink(region: string, start: number, startHash: string | null): ReplicaSink & { cursor(region: string): Promise<number> } {
  let cursor = start;
  const hashes = new Map<number, string>();
  if (startHash) hashes.set(start, startHash);
  return {
    schemaVersion: async () => 0,
    cursor: async () => cursor,
    apply: async (r, events) => {
      if (r !== region) throw new Error(`unexpected region ${r}`);
      const last = events.at(-1);
      if (last) {
        cursor = last.seq;
        hashes.set(last.seq, last.hash);
      }
      return cursor;
    },
    hashAt: async (_r, seq) => hashes.get(seq) ?? null,
    saveCheckpoint: async () => undefined,
    applySnapshot: async () => {
      throw new Error('no snapshots in this benchmark');
    },
  };
}

interface Pki {
  /** The trust folder the server runs from (exported from the CA folder). */
  dir: string;
  server: Identity;
  serverFile: string;
  client: Identity;
  rootPem: string;
  trust: { ca: string[]; crl: string[] };
}

function makePki(dir: string, region: string): Pki {
  const pkiDir = join(dir, 'pki');
  rmSync(pkiDir, { recursive: true, force: true });
  const init = initPki(pkiDir);
  const identity = (name: string) => {
    const file = fresh(join(dir, `${name}.p12`));
    rmSync(identityPassphrasePath(file), { force: true });
    return file;
  };
  const serverFile = identity('server');
  issueCertificate(pkiDir, { kind: 'server', region, name: 'bench-server', out: serverFile });
  const clientFile = identity('client');
  issueCertificate(pkiDir, { kind: 'client', region, role: 'duty-officer', name: 'bench-client', out: clientFile });
  const trustDir = join(dir, 'trust');
  rmSync(trustDir, { recursive: true, force: true });
  exportTrust(pkiDir, trustDir);
  return {
    dir: trustDir,
    server: loadIdentityFile(serverFile),
    serverFile,
    client: loadIdentityFile(clientFile),
    rootPem: init.rootPem,
    trust: trustStore(trustDir),
  };
}

function listen(server: HttpServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** Bare messages: the server sends them all, the client counts them. Milliseconds until the last arrives. */
async function bareStream(messages: string[], tls: Pki | null): Promise<number> {
  const server = tls
    ? createHttpsServer({
        key: tls.server.keyPem,
        cert: tls.server.chainPem.join('\n'),
        ca: tls.trust.ca,
        crl: tls.trust.crl,
        requestCert: true,
        rejectUnauthorized: true,
        minVersion: 'TLSv1.3',
      })
    : createHttpServer();
  const wss = new WebSocketServer({ server, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  wss.on('connection', (ws) => {
    for (const message of messages) ws.send(message);
  });
  const port = await listen(server);
  const started = performance.now();
  const client = new WebSocket(`${tls ? 'wss' : 'ws'}://127.0.0.1:${port}`, {
    maxPayload: MAX_FRAME_BYTES,
    perMessageDeflate: false,
    ...(tls ? { key: tls.client.keyPem, cert: tls.client.chainPem.join('\n'), ca: [tls.rootPem], minVersion: 'TLSv1.3' as const } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    let received = 0;
    client.on('message', () => {
      if (++received === messages.length) resolve();
    });
    client.on('error', reject);
  });
  const millis = performance.now() - started;
  client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return millis;
}

function link(region: string, url: string, pki: Pki, sink: ReplicaSink, onLive: () => void) {
  const l = new RegionLink({
    region,
    urls: [url],
    pins: [spkiPin(pki.server.certPem)],
    identity: pki.client,
    rootPem: pki.rootPem,
    sink,
    clientId: 'bench',
    onState: (s) => {
      if (s.status === 'live') onLive();
      if (s.status === 'chain-broken' || s.status === 'refused') log(`  link ${s.status}: ${s.reason ?? ''}`);
    },
  });
  return l;
}

async function protocolThroughput(storeDir: string, region: string, pki: Pki) {
  let server: RegionalServer = await startRegionalServer({ region, dataDir: storeDir, trustDir: pki.dir, identityFile: pki.serverFile, port: 0, log: () => undefined });
  const head = server.store.head().seq;
  const from = Math.max(0, head - STREAM_EVENTS);
  const reader = createEventReader(server.store.replica.db);
  // The very frames the server sends for this range, as strings, for the bare baselines.
  const messages: string[] = [];
  for (let seq = from + 1; seq <= head; seq += EVENTS_PER_FRAME) {
    messages.push(JSON.stringify({ type: 'events', region, fromSeq: seq, events: reader.from(region, seq, EVENTS_PER_FRAME) }));
  }
  const bytes = messages.reduce((sum, m) => sum + Buffer.byteLength(m), 0);
  const events = head - from;
  const startHash = from > 0 ? reader.hashAt(region, from) : null;
  log(`  ${events} events of ${region} in ${messages.length} frames, ${round(bytes / 2 ** 20, 1)} MiB`);

  const protocolMs: number[] = [];
  for (let run = 0; run < STREAM_RUNS; run++) {
    const sink = countingSink(region, from, startHash);
    let live = (): void => undefined;
    const reached = new Promise<void>((resolve) => (live = resolve));
    const started = performance.now();
    const l = link(region, server.url, pki, sink, () => live());
    l.start();
    await reached;
    protocolMs.push(performance.now() - started);
    await l.stop();
    if ((await sink.cursor(region)) !== head) throw new Error('the link went live short of the head');
  }
  const bareMs: number[] = [];
  const bareTlsMs: number[] = [];
  for (let run = 0; run < STREAM_RUNS; run++) {
    bareMs.push(await bareStream(messages, null));
    bareTlsMs.push(await bareStream(messages, pki));
  }
  const perSecond = (ms: number) => ({ eventsPerSecond: Math.round(events / (ms / 1000)), mebibytesPerSecond: round(bytes / 2 ** 20 / (ms / 1000), 1) });
  const protocol = perSecond(median(protocolMs));
  const bare = perSecond(median(bareMs));
  const bareTls = perSecond(median(bareTlsMs));
  log(`  protocol runs ${protocolMs.map((ms) => Math.round(ms)).join(', ')} ms`);
  log(`  protocol ${protocol.eventsPerSecond} events/s (${protocol.mebibytesPerSecond} MiB/s), bare ws ${bare.mebibytesPerSecond} MiB/s, bare wss mTLS ${bareTls.mebibytesPerSecond} MiB/s`);

  // Reconnect to live: stop the server, restart it on its port, time until the link is live again.
  const port = Number(new URL(server.url).port);
  const sink = countingSink(region, head, reader.hashAt(region, head));
  let isLive = false;
  let onLive = (): void => undefined;
  const l = link(region, server.url, pki, sink, () => {
    isLive = true;
    onLive();
  });
  l.start();
  await new Promise<void>((resolve) => (isLive ? resolve() : (onLive = resolve)));
  const reconnectMs: number[] = [];
  for (let run = 0; run < RECONNECT_RUNS; run++) {
    isLive = false;
    await server.close();
    const relive = new Promise<void>((resolve) => (onLive = resolve));
    const started = performance.now();
    server = await startRegionalServer({ region, dataDir: storeDir, trustDir: pki.dir, identityFile: pki.serverFile, port, log: () => undefined });
    await relive;
    reconnectMs.push(round(performance.now() - started, 1));
  }
  await l.stop();
  await server.close();
  const sorted = [...reconnectMs].sort((a, b) => a - b);
  log(`  reconnect to live: median ${median(reconnectMs)} ms (${sorted.join(', ')})`);
  return {
    throughput: {
      region,
      events,
      frames: messages.length,
      mebibytes: round(bytes / 2 ** 20, 1),
      runs: STREAM_RUNS,
      protocolWssMutualTls: { ...protocol, medianMs: round(median(protocolMs), 1), samplesMs: protocolMs.map((ms) => round(ms, 1)) },
      bareWsPlain: { ...bare, medianMs: round(median(bareMs), 1) },
      bareWssMutualTls: { ...bareTls, medianMs: round(median(bareTlsMs), 1) },
      ratioProtocolToBareWs: round(protocol.eventsPerSecond / bare.eventsPerSecond, 3),
      ratioProtocolToBareWss: round(protocol.eventsPerSecond / bareTls.eventsPerSecond, 3),
      ratioBareWssToBareWs: round(bareTls.eventsPerSecond / bare.eventsPerSecond, 3),
    },
    reconnectToLive: {
      runs: RECONNECT_RUNS,
      medianMs: median(reconnectMs),
      samplesMs: sorted,
      note: 'from the restart call until the link reports live; includes the server start and the link\'s backoff (first retry 0-500 ms, with jitter)',
    },
  };
}

export async function runSyncBench(): Promise<string> {
  const dir = join(WORK_DIR, 'sync');
  mkdirSync(dir, { recursive: true });
  try {
    log(`catch-up apply: ${APPLY_EVENTS} events, encrypted replica vs raw INSERTs`);
    const apply = catchUpApply(dir);
    const [region] = [...apply.regions.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
    if (!region) throw new Error('no events were generated');
    log('protocol throughput and reconnect (wss with mutual TLS vs bare ws)');
    const pki = makePki(dir, region);
    const protocol = await protocolThroughput(apply.storeDir, region, pki);
    return writeResult('sync', { catchUpApply: apply.figures, ...protocol });
  } finally {
    // Rebuilt on every run (under 2 GB): nothing here is worth keeping.
    rmSync(dir, { recursive: true, force: true });
  }
}
