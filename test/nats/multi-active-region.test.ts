import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import type { RegionalServer } from '../../src/core/regional/regional-server';
import { streamName } from '../../src/core/regional/log/jetstream-log';
import { CommandClient, type CommandResult } from '../commands/support/command-client';
import { auditOf, commandNet, cosign, countEvents, propose, REGION, resign, type CommandNet } from '../commands/support/officers';
import { issueDraft } from '../sync/support/drafts';
import { waitFor } from '../sync/support/wait';
import { describeWithNats, NATS_SERVER, startNatsCluster } from './nats-cluster';

/*
 * Two servers of Hunan on one 3-node JetStream cluster (real nats-server processes), each
 * accepting commands: one chain, one winner per race, and refusals instead of forks without quorum.
 */
const dir = mkdtempSync(join(tmpdir(), 'inrs-nats-region-'));
let cluster: Awaited<ReturnType<typeof startNatsCluster>>;
let cnA: CommandNet;
let cnB: CommandNet;
const clients: CommandClient[] = [];

const levelOf = (server: RegionalServer) =>
  server.store.replica.db.prepare<[string], string>('SELECT level FROM emergency_levels WHERE region = ?').pluck().get(REGION) ?? 'normal';
const connectTo = async (cn: CommandNet, who: keyof Pick<CommandNet, 'officerA' | 'officerB' | 'operator' | 'wall'>) => {
  const client = await CommandClient.connect(cn, cn[who]);
  clients.push(client);
  return client;
};
const sameHead = () => waitFor(() => cnA.server.store.head().hash === cnB.server.store.head().hash, 'both servers at the same head', 20_000);

beforeAll(async () => {
  if (!NATS_SERVER) return;
  cluster = await startNatsCluster(dir);
  await cluster.ready();
  // The load test sends faster than an officer would: the per-connection limit is not under test here.
  const commandRate = { perConnection: 100_000, perCertificate: 100_000 };
  cnA = await commandNet({ logUrl: cluster.url, commandRate });
  const server = await cnA.net.server(REGION, cnA.net.seededStore(REGION), { logUrl: cluster.url, now: () => cnA.clock.now(), commandRate });
  cnB = { ...cnA, server };
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await cnA?.net.close();
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describeWithNats('a region on a shared JetStream log', () => {
  it('two officers on two servers race for the same level change: exactly one wins, both servers agree', async () => {
    const [a, b] = await Promise.all([connectTo(cnA, 'officerA'), connectTo(cnB, 'officerB')]);
    const envelopes = [propose(cnA, cnA.officerA, 'normal', 'IV'), propose(cnB, cnB.officerB, 'normal', 'III')];
    const results = await Promise.all([a.send(envelopes[0]!), b.send(envelopes[1]!)]);
    expect(results.map((r) => r.status).sort()).toEqual(['accepted', 'refused']);
    expect(results.find((r) => r.status === 'refused')).toMatchObject({ code: 'stale-level' });
    await sameHead();
    expect(levelOf(cnA.server)).toBe(levelOf(cnB.server));
    expect(['IV', 'III']).toContain(levelOf(cnA.server));
  }, 30_000);

  it('the two-person rule holds across servers: proposed on one, co-signed on the other', async () => {
    const [a, b] = clients;
    const from = levelOf(cnA.server) as 'IV' | 'III';
    const proposal = await a!.send(propose(cnA, cnA.officerA, from, 'II'));
    expect(proposal.status).toBe('accepted');
    await waitFor(() => cnB.server.store.head().seq >= (proposal.seq ?? 0), 'server B sees the proposal');
    const proposalId = cnB.server.store.replica.db.prepare<[], string>("SELECT id FROM emergency_proposals WHERE status = 'pending'").pluck().get()!;
    const result = await b!.send(cosign(cnB, cnB.officerB, from, proposalId));
    expect(result).toMatchObject({ status: 'accepted' });
    await sameHead();
    expect(levelOf(cnA.server)).toBe('II');
    expect(levelOf(cnB.server)).toBe('II');
  }, 30_000);

  it('replay protection and the audit span the servers: a retry on B gets the result decided on A, a nonce used on A is refused on B', async () => {
    const [a, b] = clients;
    const from = levelOf(cnA.server) as 'II';
    const envelope = propose(cnA, cnA.officerA, from, 'III');
    const first = await a!.send(envelope);
    expect(first.status).toBe('accepted');
    await sameHead();
    const proposed = countEvents(cnB, 'emergency.proposed');

    // The same envelope to the other server: the first result, nothing appended twice.
    expect(await b!.send(envelope)).toEqual(first);
    await sameHead();
    expect(countEvents(cnB, 'emergency.proposed')).toBe(proposed);

    // Its nonce under another command id, on the other server: refused, naming the first command.
    const replay = resign(envelope, cnA.officerA, { commandId: 'replayed-nonce-0002' });
    expect(await b!.send(replay)).toMatchObject({ status: 'refused', code: 'replayed-nonce', reason: expect.stringContaining(envelope.commandId) });

    // A nonce burnt by a refusal on A (no event carries it) is refused on B too, through the command ledger.
    const noChange = propose(cnA, cnA.officerA, from, from);
    expect(await a!.send(noChange)).toMatchObject({ status: 'refused', code: 'no-change' });
    const burnt = resign(noChange, cnA.officerA, { commandId: 'replayed-nonce-0003', body: { kind: 'emergency.propose', toLevel: 'I', plan: 'p', reason: 'r' } });
    expect(await b!.send(burnt)).toMatchObject({ status: 'refused', code: 'replayed-nonce', reason: expect.stringContaining(noChange.commandId) });

    // Both servers hold the whole audit of the command, whichever server saw each attempt.
    const rows = (cn: CommandNet) => auditOf(cn, envelope.commandId).map((r) => [r.status, r.seq, r.reason]);
    const expected = [
      ['accepted', first.seq, null],
      ['accepted', first.seq, 'retry: the first result returned'],
    ];
    expect(rows(cnB)).toEqual(expected);
    await waitFor(() => rows(cnA).length === 2, 'server A holds B\'s audit row', 10_000);
    expect(rows(cnA)).toEqual(expected);
    await waitFor(() => auditOf(cnA, 'replayed-nonce-0003').length === 1, 'server A holds B\'s refusal', 10_000);
    expect(auditOf(cnA, 'replayed-nonce-0003').map((r) => r.code)).toEqual(['replayed-nonce']);
  }, 30_000);

  it('movements through both servers keep one gap-free chain while the stream leader node is killed', async () => {
    const opA = await connectTo(cnA, 'operator');
    const opB = await connectTo(cnB, 'operator');
    const before = cnA.server.store.head().seq;
    const nc = await connect({ servers: cluster.url.slice('nats://'.length).split(',') });
    const jsm = await jetstreamManager(nc);
    const acknowledged: number[] = [];
    const perClient = 150;
    const write = async (client: CommandClient, cn: CommandNet, tag: string) => {
      for (let i = 0; i < perClient; i++) {
        const draft = issueDraft(cn.server.store.replica.db, REGION, { depot: cn.operatorDepot, recipient: `movement-${tag}-${i}` });
        // Refused unavailable while the stream elects a leader: sent again a moment later, as a client does.
        for (let attempt = 0; ; attempt++) {
          const result: CommandResult = await client.command(`movement-${tag}-${i}`, { type: 'command', commandId: `movement-${tag}-${i}`, kind: 'record-event', draft });
          if (result.status === 'accepted') {
            acknowledged.push(result.seq ?? -1);
            break;
          }
          expect(result).toMatchObject({ status: 'refused', code: 'unavailable' });
          expect(attempt).toBeLessThan(200);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    const killer = (async () => {
      await waitFor(() => acknowledged.length >= perClient / 2, 'load under way', 30_000);
      const leader = (await jsm.streams.info(streamName(REGION))).cluster?.leader ?? '';
      expect(leader).not.toBe('');
      cluster.kill(leader);
      return leader;
    })();
    await Promise.all([write(opA, cnA, 'a'), write(opB, cnB, 'b'), killer]);
    await sameHead();
    const head = cnA.server.store.head();
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
    expect(acknowledged.length).toBe(perClient * 2);
    expect(Math.max(...acknowledged)).toBe(head.seq);
    // Every acknowledged seq holds the event whose hash both projections and the stream agree on.
    const stream = (await jsm.streams.info(streamName(REGION))).state;
    expect(stream.last_seq).toBe(head.seq);
    expect(stream.messages).toBe(head.seq);
    for (const seq of acknowledged) expect(cnB.server.store.hashAt(seq)).toBe(cnA.server.store.hashAt(seq));
    const events = cnB.server.store.eventsFrom(before + 1, 10_000);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: head.seq - before }, (_, i) => before + 1 + i));
    expect(cnA.server.store.stateHash()).toBe(cnB.server.store.stateHash());
    await nc.close();
    cluster.restart(await killer);
    await cluster.ready();
  }, 90_000);

  it('without quorum commands are refused unavailable, reads go on, nothing forks; with quorum back writes resume', async () => {
    await sameHead();
    const head = cnA.server.store.head();
    cluster.kill('n1');
    cluster.kill('n2');
    const operator = clients[2]!;
    const movement = await operator.command('no-quorum-0002', { type: 'command', commandId: 'no-quorum-0002', kind: 'record-event', draft: issueDraft(cnA.server.store.replica.db, REGION, { depot: cnA.operatorDepot }) });
    expect(movement).toMatchObject({ status: 'refused', code: 'unavailable', reason: expect.stringMatching(/unavailable/) });
    // Reads: a new client is welcomed and served from the projection.
    const wall = await connectTo(cnB, 'wall');
    expect(wall.raw.frames.some((f) => f.type === 'welcome')).toBe(true);
    expect(cnA.server.store.head()).toEqual(head);
    expect(cnB.server.store.head()).toEqual(head);
    cluster.restart('n1');
    cluster.restart('n2');
    await cluster.ready();
    await waitFor(async () => {
      const id = `quorum-back-${Date.now()}`;
      const r = await operator.command(id, { type: 'command', commandId: id, kind: 'record-event', draft: issueDraft(cnA.server.store.replica.db, REGION, { depot: cnA.operatorDepot }) });
      return r.status === 'accepted';
    }, 'writes resume', 60_000, 500);
    await sameHead();
    expect(cnA.server.store.head().seq).toBeGreaterThan(head.seq);
  }, 120_000);
});
