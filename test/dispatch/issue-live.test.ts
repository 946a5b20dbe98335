import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyFile } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { ReplicaClient } from '../../src/core/replica/replica-client';
import type { RegionalServer } from '../../src/core/regional/regional-server';
import { seedInto } from '../../src/core/seed/seed-replica';
import { directSink } from '../../src/core/sync/direct-sink';
import { SyncManager } from '../../src/core/sync/sync-manager';
import { workerSink } from '../../src/core/sync/worker-sink';
import { createCommandSender } from '../../src/main/host/command-sender';
import { createDispatchService, type DispatchService } from '../../src/main/host/dispatch-service';
import { dispatchScenarioSchema, situationFilterSchema, type DispatchRecommendation, type InstructionSummary } from '../../src/shared/contract';
import { TestNetwork } from '../sync/network';

/**
 * A plan issued as signed instructions to a real regional server (mutual TLS on 127.0.0.1, PKI
 * of the project): the linked region accepts and records its instruction, which comes back
 * through sync; regions without a link are reported, not thrown; the addressee acknowledges.
 */

const REGION = '430000';
let net: TestNetwork;
let server: RegionalServer;
let replica: ReplicaClient;
let manager: SyncManager;
let officerSync: SyncManager;
let service: DispatchService;
let officerService: DispatchService;
let rec: DispatchRecommendation;

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const listed = async (id: string): Promise<InstructionSummary | undefined> =>
  (await replica.call('instructions', [situationFilterSchema.parse({}), 200])).find((i) => i.id === id);

beforeAll(async () => {
  net = new TestNetwork();
  server = await net.server(REGION, net.seededStore(REGION));
  // The workstation's replica holds every region (as a seeded one does); only Hunan has a link.
  const file = join(net.dir, 'workstation.db');
  const key = createKeyFile(`${file}.key`);
  const seeded = openReplica(file, key, { create: true });
  seedInto(seeded, net.seed);
  seeded.close();
  replica = await ReplicaClient.open({ file, key });
  const commander = net.clientIdentity('national-commander', '000000');
  manager = new SyncManager({ regions: { [REGION]: { urls: [server.url], pins: [] } }, identity: commander, rootPem: net.rootPem, sink: workerSink(replica) });
  manager.start();
  await manager.whenAllLive();
  const sender = createCommandSender({ sync: manager, identity: commander });
  service = createDispatchService({ replica, commands: () => sender });

  // The province's duty officer, at another workstation.
  const officer = net.clientIdentity('duty-officer', REGION);
  officerSync = new SyncManager({ regions: { [REGION]: { urls: [server.url], pins: [] } }, identity: officer, rootPem: net.rootPem, sink: directSink(net.replica()) });
  officerSync.start();
  await officerSync.whenAllLive();
  const officerSender = createCommandSender({ sync: officerSync, identity: officer });
  officerService = createDispatchService({ replica, commands: () => officerSender });

  rec = await service.recommend({ scenario: dispatchScenarioSchema.parse({ regions: [REGION], population: { [REGION]: 50_000 }, durationDays: 3 }) });
});

afterAll(async () => {
  await service?.dispose();
  await officerService?.dispose();
  await officerSync?.stop();
  await manager?.stop();
  await replica?.close();
  await net?.close();
});

describe('issuing a dispatch plan as signed instructions', () => {
  let hunanId = '';

  it('the linked region accepts its instruction; the others are reported as not sent', async () => {
    const lines = rec.plan.flows.map((f) => ({ from: f.from, to: f.to, category: f.category, quantity: f.quantity }));
    const sources = [...new Set(rec.plan.flows.map((f) => f.fromRegion))].sort();
    expect(sources).toContain(REGION);
    expect(sources.length).toBeGreaterThan(1);

    const { results } = await service.issue({ lines, label: '湖南 5 万人 3 天' });
    expect(results.map((r) => r.region)).toEqual(sources);
    const short = results[0]!.instructionId.split('-')[2];
    for (const r of results) {
      expect(r.instructionId).toBe(`${r.instructionId.slice(0, 13)}${short}-${r.region}`);
      if (r.region === REGION) expect(r).toMatchObject({ status: 'accepted', code: null, seq: expect.any(Number) });
      else expect(r).toMatchObject({ status: 'not-sent', code: 'no-link', reason: expect.stringContaining(r.region), seq: null });
    }
    hunanId = results.find((r) => r.region === REGION)!.instructionId;

    // Recorded by the server as the signer's, with the destination on every line.
    const stored = server.store.replica.db.prepare<[string], { level: string; issuer: string; lines: string }>('SELECT level, issuer, lines FROM instructions WHERE id = ?').get(hunanId)!;
    expect(stored.level).toBe('central');
    expect(stored.issuer).toMatch(/^CN=.*,OU=national-commander,O=000000$/);
    const expected = rec.plan.flows
      .filter((f) => f.fromRegion === REGION)
      .map((f) => ({ category: f.category, quantity: f.quantity, fromDepot: f.from, toRegion: f.to }))
      .sort((a, b) => (a.fromDepot + a.category < b.fromDepot + b.category ? -1 : 1));
    expect(JSON.parse(stored.lines)).toEqual(expected);

    // And it comes back to the workstation through sync.
    const summary = await waitFor(() => listed(hunanId), 'the instruction on the replica');
    expect(summary).toMatchObject({ region: REGION, kind: 'dispatch', level: 'central', status: 'issued', acknowledgedBy: null });
  });

  it('refuses more than a depot holds above its floor, before anything is signed', async () => {
    const f = rec.plan.flows.find((x) => x.fromRegion === REGION)!;
    const head = server.store.head().seq;
    await expect(service.issue({ lines: [{ from: f.from, to: f.to, category: f.category, quantity: f.available + 1 }], label: 'too much' })).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringContaining(`depot ${f.from} holds ${f.available} of ${f.category} above its safety floor`),
    });
    expect(server.store.head().seq).toBe(head);
  });

  it('the issuer is not the addressee: the commander cannot acknowledge', async () => {
    const answer = await service.acknowledge({ region: REGION, instructionId: hunanId });
    expect(answer).toMatchObject({ status: 'refused', code: 'role' });
  });

  it("the province's duty officer acknowledges it, and the status follows through sync", async () => {
    const answer = await officerService.acknowledge({ region: REGION, instructionId: hunanId });
    expect(answer).toMatchObject({ status: 'accepted', code: null });
    const summary = await waitFor(async () => {
      const i = await listed(hunanId);
      return i?.status === 'acknowledged' ? i : undefined;
    }, 'the acknowledgement on the replica');
    expect(summary.acknowledgedBy).toMatch(/^CN=.*,OU=duty-officer,O=430000$/);
    expect(await officerService.acknowledge({ region: REGION, instructionId: hunanId })).toMatchObject({ status: 'refused', code: 'already-acknowledged' });
  });
});
