import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { directSink } from '../src/core/sync/direct-sink';
import { RegionLink } from '../src/core/sync/region-link';
import type { RegionalServer } from '../src/core/regional/regional-server';
import { CommandClient, type CommandResult } from '../test/commands/support/command-client';
import { commandNet, REGION, type CommandNet } from '../test/commands/support/officers';
import { NATS_SERVER, startNatsCluster } from '../test/nats/nats-cluster';
import { issueDraft, stockAt } from '../test/sync/support/drafts';
import { round } from './lib/measure';
import { WORK_DIR, writeResult } from './lib/results';

/**
 * The region's log on a 3-node JetStream cluster (real nats-server processes on 127.0.0.1)
 * against the embedded SQLite log, in the same run, through real servers over WSS with mutual TLS:
 * - command latency: one operator, one movement in flight at a time (p50/p99);
 * - append throughput: three operators with eight movements in flight each, for a fixed time;
 * - failover: a workstation's link live on one server of the stream, that server stops; the time
 *   until the link is live on the other server, and until a movement made there reaches it,
 *   against a link's connect to live when its replica is already at the head.
 */
const log = (line: string) => process.stderr.write(`${line}\n`);
const LATENCY_COMMANDS = 300;
const THROUGHPUT_MS = 10_000;
const CLIENTS = 3;
const WINDOW = 8;
const ROUNDS = 3;
const FAILOVERS = 5;
const BENCH_LOT = 'L430000-990001';
const COMMAND_RATE = { perConnection: 1_000_000, perCertificate: 1_000_000 };

const quantile = (samples: number[], q: number) => {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const median = (samples: number[]) => quantile(samples, 0.5);

/** Answers by command id as they arrive (no polling, which would quantise the latencies). */
function answering(client: CommandClient) {
  const waiting = new Map<string, (result: CommandResult) => void>();
  client.raw.ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as CommandResult;
    if (frame.type === 'commandResult') waiting.get(frame.commandId)?.(frame);
  });
  return (id: string, frame: unknown) =>
    new Promise<CommandResult>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${id} within 30 s`)), 30_000);
      waiting.set(id, (result) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(result);
      });
      client.raw.sendJson(frame);
    });
}

type Ask = ReturnType<typeof answering>;

let next = 0;
/** One movement from the bench's lot (the depot's largest), as the depot operator records it. */
async function movement(cn: CommandNet, ask: Ask): Promise<CommandResult> {
  const id = `bench-${String(next++).padStart(7, '0')}`;
  const draft = issueDraft(cn.server.store.replica.db, REGION, { depot: cn.operatorDepot, recipient: id });
  return ask(id, { type: 'command', commandId: id, kind: 'record-event', draft });
}

/** Stock for every movement of the bench: one large intake at the operator's depot. */
async function intake(cn: CommandNet): Promise<void> {
  const db = cn.server.store.replica.db;
  const stock = stockAt(db, REGION, cn.operatorDepot);
  const category = db.prepare<[string], string>('SELECT category FROM lots WHERE id = ?').pluck().get(stock.lotId);
  const draft = {
    region: REGION, type: 'lot.intake', eventTime: new Date().toISOString(), actor: { subject: cn.operator.subject, role: 'depot-operator' }, instructionId: stock.instructionId,
    payload: { lotId: BENCH_LOT, depot: cn.operatorDepot, category, quantity: 100_000_000, productionDate: '2026-01-01', expiryDate: '2030-01-01', grade: 'A', origin: '基准测试' },
  };
  const client = await CommandClient.connect(cn, cn.operator);
  try {
    const result = await answering(client)('bench-intake', { type: 'command', commandId: 'bench-intake', kind: 'record-event', draft });
    if (result.status !== 'accepted') throw new Error(`bench intake refused: ${result.reason}`);
  } finally {
    client.close();
  }
}

async function latency(cn: CommandNet): Promise<{ p50: number; p99: number; commands: number }> {
  const client = await CommandClient.connect(cn, cn.operator);
  const ask = answering(client);
  try {
    const samples: number[] = [];
    for (let i = 0; i < LATENCY_COMMANDS; i++) {
      const started = performance.now();
      const result = await movement(cn, ask);
      if (result.status !== 'accepted') throw new Error(`movement refused: ${result.reason}`);
      samples.push(performance.now() - started);
    }
    return { p50: round(quantile(samples, 0.5)), p99: round(quantile(samples, 0.99)), commands: samples.length };
  } finally {
    client.close();
  }
}

async function throughput(cn: CommandNet): Promise<{ acceptedPerSecond: number; accepted: number; refused: number }> {
  const clients = await Promise.all(Array.from({ length: CLIENTS }, () => CommandClient.connect(cn, cn.operator)));
  let accepted = 0;
  let refused = 0;
  const started = performance.now();
  const until = started + THROUGHPUT_MS;
  try {
    const lane = async (ask: Ask) => {
      while (performance.now() < until) {
        const result = await movement(cn, ask);
        if (result.status === 'accepted') accepted++;
        else refused++;
      }
    };
    await Promise.all(clients.map(answering).flatMap((ask) => Array.from({ length: WINDOW }, () => lane(ask))));
  } finally {
    for (const client of clients) client.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return { acceptedPerSecond: Math.round(accepted / seconds), accepted, refused };
}

async function waitUntil(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Links live on one server of the stream, that server stops: time until live on the next, and until its movement arrives. */
async function failovers(cn: CommandNet, url: string): Promise<{ connectMs: number[]; toLiveMs: number[]; toNewEventMs: number[] }> {
  const replica = cn.net.replica();
  const identity = cn.net.clientIdentity('duty-officer', REGION);
  const servers: RegionalServer[] = [await cn.net.server(REGION, cn.net.seededStore(REGION), { logUrl: url, commandRate: COMMAND_RATE })];
  const toLiveMs: number[] = [];
  const toNewEventMs: number[] = [];
  const connectMs: number[] = [];
  for (let run = 0; run < FAILOVERS; run++) {
    const from = servers[run] as RegionalServer;
    const to = await cn.net.server(REGION, cn.net.seededStore(REGION), { logUrl: url, commandRate: COMMAND_RATE });
    servers.push(to);
    const link = new RegionLink({
      region: REGION,
      urls: [from.url, to.url],
      identity,
      rootPem: cn.net.rootPem,
      sink: directSink(replica),
      clientId: 'bench-failover',
      onState: () => undefined,
      log: () => undefined,
    });
    const connecting = performance.now();
    link.start();
    try {
      await link.whenLive();
      connectMs.push(round(performance.now() - connecting));
      if (link.current.server !== from.url) throw new Error('the link did not start on the first server');
      const stopped = performance.now();
      await from.close();
      await waitUntil(() => link.current.server === to.url && link.current.status === 'live', 'the link live on the other server');
      toLiveMs.push(round(performance.now() - stopped));
      const client = await CommandClient.connect({ ...cn, server: to }, cn.operator);
      try {
        const result = await movement({ ...cn, server: to }, answering(client));
        if (result.status !== 'accepted') throw new Error(`movement refused after failover: ${result.reason}`);
        await waitUntil(() => link.current.cursor >= (result.seq ?? Infinity), 'the movement on the workstation');
        toNewEventMs.push(round(performance.now() - stopped));
      } finally {
        client.close();
      }
    } finally {
      await link.stop();
    }
  }
  return { connectMs, toLiveMs, toNewEventMs };
}

export async function runRegionLogBench(): Promise<string> {
  if (!NATS_SERVER) throw new Error('region-log bench: nats-server is not installed (apt-get install nats-server)');
  mkdirSync(WORK_DIR, { recursive: true });
  const dir = mkdtempSync(join(WORK_DIR, 'region-log-'));
  const cluster = await startNatsCluster(dir);
  let embedded: CommandNet | null = null;
  try {
    await cluster.ready();
    embedded = await commandNet({ commandRate: COMMAND_RATE });
    const jetstream: CommandNet = { ...embedded, server: await embedded.net.server(REGION, embedded.net.seededStore(REGION), { logUrl: cluster.url, commandRate: COMMAND_RATE }) };
    const backends = { embedded, jetstream };
    await intake(embedded);
    await intake(jetstream);
    const runs: Record<keyof typeof backends, { latency: Awaited<ReturnType<typeof latency>>[]; throughput: Awaited<ReturnType<typeof throughput>>[] }> = {
      embedded: { latency: [], throughput: [] },
      jetstream: { latency: [], throughput: [] },
    };
    // Rounds alternate between the two logs, so load from other work on the machine falls on both.
    for (let r = 0; r < ROUNDS; r++) {
      for (const name of ['embedded', 'jetstream'] as const) {
        const l = await latency(backends[name]);
        log(`  ${name} round ${r + 1}: command latency p50 ${l.p50} ms, p99 ${l.p99} ms`);
        const t = await throughput(backends[name]);
        log(`  ${name} round ${r + 1}: ${t.acceptedPerSecond} accepted/s (${t.accepted} accepted, ${t.refused} refused)`);
        runs[name].latency.push(l);
        runs[name].throughput.push(t);
      }
    }
    const summary = (name: keyof typeof backends) => ({
      latencyP50Ms: round(median(runs[name].latency.map((l) => l.p50))),
      latencyP99Ms: round(median(runs[name].latency.map((l) => l.p99))),
      acceptedPerSecond: Math.round(median(runs[name].throughput.map((t) => t.acceptedPerSecond))),
      refused: runs[name].throughput.reduce((n, t) => n + t.refused, 0),
    });
    const e = summary('embedded');
    const j = summary('jetstream');
    const failover = await failovers(embedded, cluster.url);
    log(`  failover: connect ${failover.connectMs.join(', ')} ms; to live ${failover.toLiveMs.join(', ')} ms; to a new event ${failover.toNewEventMs.join(', ')} ms`);
    return writeResult('region-log', {
      cluster: '3 nats-server nodes on 127.0.0.1, stream replicas 3, file storage',
      load: { latencyCommands: LATENCY_COMMANDS, throughputSeconds: THROUGHPUT_MS / 1000, clients: CLIENTS, inFlightPerClient: WINDOW, rounds: ROUNDS },
      embedded: e,
      jetstream: j,
      ratios: {
        latencyP50: round(j.latencyP50Ms / e.latencyP50Ms),
        latencyP99: round(j.latencyP99Ms / e.latencyP99Ms),
        throughput: round(j.acceptedPerSecond / e.acceptedPerSecond),
      },
      failover: {
        runs: FAILOVERS,
        // The first connect syncs the whole log; the later ones start at the head, as a failover does.
        connectAtHeadMedianMs: round(median(failover.connectMs.slice(1))),
        toLiveMedianMs: round(median(failover.toLiveMs)),
        toLiveMaxMs: round(Math.max(...failover.toLiveMs)),
        toNewEventMedianMs: round(median(failover.toNewEventMs)),
        toLiveRatioToConnectAtHead: round(median(failover.toLiveMs) / Math.max(median(failover.connectMs.slice(1)), 1)),
      },
    });
  } finally {
    await embedded?.net.close();
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
