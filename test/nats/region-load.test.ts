import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { streamName } from '../../src/core/regional/log/jetstream-log';
import { readKeyFile } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import type { EmergencyLevel } from '../../src/shared/domain/emergency';
import { CommandClient, type CommandResult } from '../commands/support/command-client';
import { commandNet, propose, REGION, type CommandNet } from '../commands/support/officers';
import { issueDraft, stockAt } from '../sync/support/drafts';
import { spawnInrs } from '../sync/support/inrs-process';
import { waitFor } from '../sync/support/wait';
import { describeWithNats, NATS_SERVER, startNatsCluster } from './nats-cluster';

/*
 * The load the issue names: two servers of Hunan on a 3-node JetStream cluster, clients writing
 * through both, TOTAL movements and signed commands, the stream leader's node killed with
 * kill -9 part-way. Bounded: the load stops by itself at its count or its deadline.
 */
/** INRS_LOAD_TOTAL=N for another figure. */
const TOTAL = Number(process.env.INRS_LOAD_TOTAL ?? 10_000);
const LOAD_DEADLINE_MS = 150_000;
const CLIENTS_PER_SERVER = 3;
/** Commands each client keeps in flight: the server's queue never waits on a client. */
const WINDOW = 8;

/** Answers by command id as they arrive, without polling the client's frame list. */
function answers(client: CommandClient) {
  const waiting = new Map<string, (result: CommandResult) => void>();
  client.raw.ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as CommandResult;
    if (frame.type === 'commandResult') waiting.get(frame.commandId)?.(frame);
  });
  return (id: string, frame: unknown) =>
    new Promise<CommandResult>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${id} within 30 s: ${cnA.net.logs.filter((l) => l.includes(id + " ") || l.includes("failed")).slice(-5).join(" / ")}`)), 30_000);
      waiting.set(id, (result) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(result);
      });
      client.raw.sendJson(frame);
    });
}

const dir = mkdtempSync(join(tmpdir(), 'inrs-nats-load-'));
let cluster: Awaited<ReturnType<typeof startNatsCluster>>;
let cnA: CommandNet;
let cnB: CommandNet;
let dataB = '';
let nc: NatsConnection | null = null;
const clients: CommandClient[] = [];

beforeAll(async () => {
  if (!NATS_SERVER) return;
  cluster = await startNatsCluster(dir);
  await cluster.ready();
  const commandRate = { perConnection: 1_000_000, perCertificate: 1_000_000 };
  cnA = await commandNet({ logUrl: cluster.url, commandRate, checkpointEvery: 500 });
  dataB = cnA.net.seededStore(REGION);
  const server = await cnA.net.server(REGION, dataB, { logUrl: cluster.url, now: () => cnA.clock.now(), commandRate, checkpointEvery: 500 });
  cnB = { ...cnA, server, dataDir: dataB };
  nc = await connect({ servers: cluster.url.slice('nats://'.length).split(',') });
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await nc?.close().catch(() => undefined);
  await cnA?.net.close();
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** `inrs …` to its end, failing with its output when it fails. */
async function inrs(args: string[]): Promise<string> {
  const child = spawnInrs(args);
  const exit = await child.exited;
  const out = [...child.stdout, ...child.stderr].join('\n');
  if (exit.code !== 0) throw new Error(`inrs ${args.join(' ')} exited ${exit.code}:\n${out}`);
  return out;
}

describeWithNats('thousands of commands through two servers of one region while the stream leader node dies', () => {
  it('loses nothing acknowledged: one gap-free chain, both servers and a synced workstation at the same head, audits pass', async () => {
    for (const cn of [cnA, cnB]) for (let i = 0; i < CLIENTS_PER_SERVER; i++) clients.push(await CommandClient.connect(cn, cn.operator));
    const officers = [await CommandClient.connect(cnA, cnA.officerA), await CommandClient.connect(cnB, cnB.officerB)];
    clients.push(...officers);

    // Stock for the whole load at the operator's depot: one intake first.
    const stock = stockAt(cnA.server.store.replica.db, REGION, cnA.operatorDepot);
    const category = cnA.server.store.replica.db.prepare<[string], string>('SELECT category FROM lots WHERE id = ?').pluck().get(stock.lotId);
    const intake = {
      region: REGION, type: 'lot.intake', eventTime: new Date().toISOString(), actor: { subject: cnA.operator.subject, role: 'depot-operator' }, instructionId: stock.instructionId,
      payload: { lotId: 'L430000-900001', depot: cnA.operatorDepot, category, quantity: 1_000_000, productionDate: '2026-01-01', expiryDate: '2030-01-01', grade: 'A', origin: '负载测试' },
    };
    expect(await clients[0]!.command('load-intake-0001', { type: 'command', commandId: 'load-intake-0001', kind: 'record-event', draft: intake })).toMatchObject({ status: 'accepted' });
    await waitFor(() => cnB.server.store.head().seq === cnA.server.store.head().seq, 'server B holds the intake');

    const acknowledged = new Map<number, string>();
    const refused = new Map<string, number>();
    /** Refusals because the other server kept winning the head: none, however long the load. */
    const starved: string[] = [];
    let sent = 0;
    const started = Date.now();
    // Until TOTAL commands are accepted (refused ones are sent again later, as a client would), or the deadline.
    const more = () => acknowledged.size + inFlight < TOTAL && Date.now() - started < LOAD_DEADLINE_MS;
    let inFlight = 0;
    const record = (id: string, result: CommandResult) => {
      if (result.status === 'accepted') {
        expect(acknowledged.has(result.seq ?? -1)).toBe(false);
        acknowledged.set(result.seq ?? -1, id);
      } else {
        refused.set(result.code ?? '?', (refused.get(result.code ?? '?') ?? 0) + 1);
        if (/contended/.test(result.reason ?? '')) starved.push(id);
        if (process.env.INRS_LOAD_DEBUG && !/a moment ago/.test(result.reason ?? '')) console.log(`refused ${id}: ${result.reason}`);
      }
    };

    let next = 0;
    const movements = async (client: CommandClient, cn: CommandNet) => {
      const ask = answers(client);
      const lane = async () => {
        while (more()) {
          sent++;
          const id = `load-${String(next++).padStart(6, "0")}`;
          const draft = issueDraft(cn.server.store.replica.db, REGION, { depot: cn.operatorDepot, recipient: id });
          inFlight++;
          const result = await ask(id, { type: 'command', commandId: id, kind: 'record-event', draft }).finally(() => inFlight--);
          record(id, result);
          // The log is electing a leader: wait a moment, as a client does, before the next.
          if (result.status === 'refused') await new Promise((r) => setTimeout(r, 250));
        }
      };
      await Promise.all(Array.from({ length: WINDOW }, lane));
    };
    // Officers on both servers toggle the level: each proposal is decided on the head it reached.
    const levels = async (client: CommandClient, cn: CommandNet, officer: CommandNet['officerA']) => {
      while (more()) {
        sent++;
        const from = (cn.server.store.replica.db.prepare<[string], string>('SELECT level FROM emergency_levels WHERE region = ?').pluck().get(REGION) ?? 'normal') as EmergencyLevel;
        const envelope = propose(cn, officer, from, from === 'normal' ? 'IV' : 'normal');
        const t0 = Date.now();
        record(
          envelope.commandId,
          await client.send(envelope).catch((err: Error) => {
            throw new Error(`${err.message}; server log: ${cnA.net.logs.filter((l) => l.includes(envelope.commandId) || /ledger|region log|failed/.test(l)).slice(-8).join(' | ')}`);
          }),
        );
        if (process.env.INRS_LOAD_DEBUG) console.log(`level command ${Date.now() - t0} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    const ticker = process.env.INRS_LOAD_DEBUG ? setInterval(() => console.log(`t+${Date.now() - started} ms: ${acknowledged.size} accepted, ${inFlight} in flight, heads ${cnA.server.store.head().seq}/${cnB.server.store.head().seq}`), 1000) : null;
    const jsm = await jetstreamManager(nc!);
    const killer = (async () => {
      await waitFor(() => acknowledged.size >= TOTAL * 0.3 || !more(), 'the load under way', LOAD_DEADLINE_MS);
      const leader = (await jsm.streams.info(streamName(REGION))).cluster?.leader ?? '';
      expect(leader).not.toBe('');
      cluster.kill(leader);
      return leader;
    })();
    await Promise.all([
      ...clients.slice(0, CLIENTS_PER_SERVER * 2).map((c, i) => movements(c, i < CLIENTS_PER_SERVER ? cnA : cnB)),
      levels(officers[0]!, cnA, cnA.officerA),
      levels(officers[1]!, cnB, cnB.officerB),
      killer,
    ]);
    if (ticker) clearInterval(ticker);
    const loadMs = Date.now() - started;
    console.log(`load: ${sent} commands sent in ${loadMs} ms, ${acknowledged.size} accepted, refused ${JSON.stringify(Object.fromEntries(refused))}`);
    expect(acknowledged.size).toBeGreaterThanOrEqual(TOTAL);
    // Refusals only for the outage (no quorum while the leader is re-elected) or a level toggle that lost a race.
    for (const code of refused.keys()) expect(['unavailable', 'stale-level']).toContain(code);
    expect(starved).toEqual([]);

    cluster.restart(await killer);
    await cluster.ready();
    await waitFor(() => cnA.server.store.head().hash === cnB.server.store.head().hash && cnA.server.store.head().seq >= Math.max(...acknowledged.keys()), 'both servers at one head', 30_000);

    // Every acknowledged seq holds the event its server answered for, on both servers and in the stream.
    const head = cnA.server.store.head();
    const stream = (await jsm.streams.info(streamName(REGION))).state;
    expect(stream.last_seq).toBe(head.seq);
    expect(stream.messages).toBe(head.seq);
    const events = cnB.server.store.eventsFrom(1, head.seq + 1);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: head.seq }, (_, i) => i + 1));
    for (let i = 1; i < events.length; i++) expect(events[i]?.prevHash).toBe(events[i - 1]?.hash);
    const bySeq = new Map(events.map((e) => [e.seq, e]));
    for (const [seq, id] of acknowledged) {
      const event = bySeq.get(seq);
      expect(event?.hash).toBe(cnA.server.store.hashAt(seq));
      if (id.startsWith('load-')) expect((event?.payload as { recipient?: string }).recipient).toBe(id);
    }
    expect(cnA.server.store.stateHash()).toBe(cnB.server.store.stateHash());

    // A workstation syncs from server B, as an operator's `inrs sync` does.
    const replica = cnA.net.replicaFile();
    const clientP12 = cnA.net.issue({ kind: 'client', region: REGION, role: 'duty-officer', name: 'load-workstation' });
    const rel = (p: string) => relative(cnA.net.dir, p);
    const config = join(cnA.net.dir, 'load-sync.json');
    const port = new URL(cnB.server.url).port;
    writeFileSync(config, JSON.stringify({ replica: rel(replica.file), keyFile: rel(replica.keyFile), identity: rel(clientP12), rootCert: rel(join(cnA.net.trustDir, 'root.crt')), regions: { [REGION]: { urls: [`wss://127.0.0.1:${port}`] } } }));
    await inrs(['sync', '--config', config, '--once']);
    const ws = openReplica(replica.file, readKeyFile(replica.keyFile), { readonly: true });
    try {
      expect(ws.projector.headOf(REGION)).toEqual(head);
    } finally {
      ws.close();
    }

    // The audit of every copy: the servers' stores and the workstation's replica.
    const root = join(cnA.net.trustDir, 'root.crt');
    for (const data of [cnA.dataDir, dataB]) await inrs(['audit', 'verify', '--data', data, '--root', root]);
    await inrs(['audit', 'verify', '--replica', replica.file, '--key-file', replica.keyFile, '--root', root]);
  }, 300_000);
});
