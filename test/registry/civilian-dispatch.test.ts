import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CIVILIAN_EXTRA_HOURS } from '../../src/core/dispatch/recommend';
import { ReplicaClient } from '../../src/core/replica/replica-client';
import { openReplica } from '../../src/core/replica/replica';
import { loadNorms } from '../../src/core/dispatch/norms';
import { parseSimulationScenario, simulationSupplyFromReplica } from '../../src/core/simulate';
import { createDispatchService } from '../../src/main/host/dispatch-service';
import { createCommandSender } from '../../src/main/host/command-sender';
import { CommandClient } from '../commands/support/command-client';
import { dispatchScenarioSchema, type DispatchRecommendation, type DispatchScenarioInput } from '../../src/shared/contract';
import { loadCostModel } from '../../src/core/costs/cost-model';
import { commandNet, REGION, type CommandNet, type Officer } from '../commands/support/officers';
import { physicalAsset, RegistryClient, transportAsset } from './support/registry-client';
import { syncedReplica } from './support/synced-replica';

/*
 * Onboarded civilian stock as optional supply of the dispatch recommendation, on a replica synced
 * from a real server: a shortfall of the state's stock is removed by a civilian lot, whose flows
 * are marked civilian and cost their surcharge; once the asset is withdrawn it leaves dispatch.
 */
let cn: CommandNet;
let verifier: Officer;
const clients: { close(): void }[] = [];
let target: { file: string; keyFile: string; key: Buffer };

beforeAll(async () => {
  cn = await commandNet();
  const p12 = cn.net.issue({ kind: 'client', region: REGION, role: 'registry-verifier', name: 'verifier-hu' });
  verifier = { ...cn.net.identity(p12), subject: `CN=verifier-hu,OU=registry-verifier,O=${REGION}`, p12 };
  target = cn.net.replicaFile();
});

afterAll(async () => {
  for (const c of clients) c.close();
  await cn?.net.close();
});

async function connect(officer: Officer) {
  const client = await RegistryClient.connect(cn, officer);
  clients.push(client);
  return client;
}

const SHORTAGE = { regions: [REGION], population: { [REGION]: 20_000_000 }, durationDays: 30 };

/** A recommendation for Hunan from the replica as synced now. */
async function recommend(scenario: DispatchScenarioInput = SHORTAGE): Promise<DispatchRecommendation> {
  await syncedReplica(cn, cn.officerA, target);
  const replica = await ReplicaClient.open({ file: target.file, key: target.key });
  const service = createDispatchService({ replica, commands: () => null, progress: () => undefined });
  try {
    return await service.recommend({ scenario: dispatchScenarioSchema.parse(scenario) });
  } finally {
    await service.dispose();
    await replica.close();
  }
}

const short = (rec: DispatchRecommendation, category: string) => rec.plan.shortfalls.filter((s) => s.category === category).reduce((n, s) => n + s.quantity, 0);

describe('civilian stock in the dispatch recommendation', () => {
  it('removes a shortfall of the state’s stock, marked civilian at its own cost, and leaves once withdrawn', async () => {
    const before = await recommend();
    const missing = short(before, 'GR-RICE');
    expect(missing).toBeGreaterThan(0);
    expect(before.plan.flows.some((f) => f.civilian)).toBe(false);

    // A contributor's grain, enough to cover what is missing, verified and onboarded.
    const owner = await connect(cn.contributor);
    const inspector = await connect(verifier);
    const grain = ((await owner.request({ op: 'register', asset: physicalAsset('湘粮代储三号库', missing + 100) })).value as { assetId: string }).assetId;
    // Registered or verified only: not yet supply.
    expect(await inspector.request({ op: 'verify', assetId: grain, passed: true, reason: '现场核验合格', evidence: [] })).toMatchObject({ status: 'accepted' });
    expect(short(await recommend(), 'GR-RICE')).toBe(missing);
    expect(await inspector.request({ op: 'onboard', assetId: grain })).toMatchObject({ status: 'accepted' });

    const after = await recommend();
    expect(short(after, 'GR-RICE')).toBe(0);
    const lot = grain.replace('CA-', 'CL-');
    const civilian = after.plan.flows.filter((f) => f.civilian);
    expect(civilian.map((f) => [f.from, f.category, f.fromName])).toEqual([[lot, 'GR-RICE', '湘粮代储三号库']]);
    expect(civilian[0]!.quantity).toBe(missing);
    expect(civilian[0]!.available).toBe(missing + 100);
    // Its own cost: the objective carries the surcharge on every civilian unit, the hours shown are travel.
    expect(civilian[0]!.hours).toBeLessThan(CIVILIAN_EXTRA_HOURS);
    const state = after.plan.flows.filter((f) => !f.civilian);
    expect(after.plan.objective).toBeCloseTo(
      state.reduce((n, f) => n + f.quantity * f.hours, 0) + civilian[0]!.quantity * (civilian[0]!.hours + CIVILIAN_EXTRA_HOURS) + after.plan.shortfalls.reduce((n, s) => n + s.quantity * 1_000_000, 0),
      3,
    );
    // The state's own stock of rice is used in full before civilian stock is called on.
    const rice = after.explanation.demandByCategory.find((b) => b.category === 'GR-RICE')!;
    expect(state.filter((f) => f.category === 'GR-RICE').reduce((n, f) => n + f.quantity, 0)).toBe(rice.available - (missing + 100));

    // Issued as a signed instruction of its own, marked civilian and addressed to the holder; the server records it.
    const commander = await CommandClient.connect(cn, cn.commander);
    clients.push(commander);
    const replica = await ReplicaClient.open({ file: target.file, key: target.key });
    const commands = createCommandSender({ sync: { signedCommand: async (envelope) => { const r = await commander.send(envelope); return { status: r.status, code: r.code ?? null, reason: r.reason ?? null, seq: r.seq ?? null }; } }, identity: cn.commander });
    const issuing = createDispatchService({ replica, commands: () => commands, progress: () => undefined });
    try {
      const lines = civilian.map((f) => ({ from: f.from, to: f.to, category: f.category, quantity: f.quantity }));
      const { results } = await issuing.issue({ lines, label: '民间代储调用' });
      expect(results).toEqual([expect.objectContaining({ region: REGION, status: 'accepted', instructionId: expect.stringMatching(/^DSP-\d{8}-\w{6}-430000-C1$/), lines: 1 })]);
      const row = cn.server.store.replica.db
        .prepare<[string], { payload: string }>("SELECT payload FROM events WHERE type = 'instruction.issued' AND payload LIKE ?")
        .get(`%${results[0]!.instructionId}%`);
      expect(JSON.parse(row?.payload ?? '{}')).toMatchObject({
        civilian: { holder: cn.contributor.subject },
        lines: [{ category: 'GR-RICE', quantity: missing, fromCivilian: lot, toRegion: REGION }],
      });
      // The holder reads the instruction addressed to it over its registry session; another contributor reads none.
      const addressed = (await owner.request({ op: 'instructions' })).value as { id: string; lines: unknown[]; acknowledgedBy: string | null }[];
      expect(addressed).toEqual([expect.objectContaining({ id: results[0]!.instructionId, kind: 'dispatch', lines: [expect.objectContaining({ fromCivilian: lot, quantity: missing })], acknowledgedBy: null })]);
      const stranger = cn.net.issue({ kind: 'client', region: REGION, role: 'contributor', name: 'contributor-qian' });
      const other = await connect({ ...cn.net.identity(stranger), subject: `CN=contributor-qian,OU=contributor,O=${REGION}`, p12: stranger });
      expect((await other.request({ op: 'instructions' })).value).toEqual([]);
      // Nor does a verifier, to whom nothing is addressed.
      expect((await (await connect(verifier)).request({ op: 'instructions' })).value).toEqual([]);
      // More than was onboarded is refused before anything is signed.
      await expect(issuing.issue({ lines: [{ ...lines[0]!, quantity: missing + 101 }], label: 'x' })).rejects.toThrow(`civilian stock ${lot} holds ${missing + 100} of GR-RICE onboarded`);
    } finally {
      await issuing.dispose();
      await replica.close();
    }

    // A civilian transport unit onboarded: the scenario simulation reads its tonnes per day from the replica.
    const trucks = ((await owner.request({ op: 'register', asset: transportAsset() })).value as { assetId: string }).assetId;
    const vans = ((await owner.request({ op: 'register', asset: { ...transportAsset('城配货车队'), capacity: 30, unit: 'vehicles' } })).value as { assetId: string }).assetId;
    for (const assetId of [trucks, vans]) {
      expect(await inspector.request({ op: 'verify', assetId, passed: true, reason: '现场核验合格', evidence: [] })).toMatchObject({ status: 'accepted' });
      expect(await inspector.request({ op: 'onboard', assetId })).toMatchObject({ status: 'accepted' });
    }
    await syncedReplica(cn, cn.officerA, target);
    const scenario = parseSimulationScenario({ days: 3, affected: [{ region: REGION, population: 1000, onsetDay: 0, durationDays: 3 }], plans: [{ id: 'p', sourceRegions: 'all', dailyTransportTonnes: 10, replenishLeadDays: null, belowFloor: false, civilianTransport: true }] });
    const synced = openReplica(target.file, target.key, { readonly: true });
    try {
      // 120 t/day of trucks; the vans' capacity is not in tonnes per day and is not counted.
      expect(simulationSupplyFromReplica(synced.db, scenario, loadNorms()).civilianTransportTonnesPerDay).toBe(120);
    } finally {
      synced.close();
    }

    // The same units in the dispatch recommendation: with the state's lorries carrying half of a
    // small plan's tonnes it is short of more than its stock leaves short; calling on the units
    // (120 t a day; the vans do not count) removes that shortfall, the part they carry priced at
    // its own cost and addressed to the holder.
    const small = { regions: [REGION], population: { [REGION]: 1000 }, durationDays: 3 };
    const shortOf = (rec: DispatchRecommendation) => rec.plan.shortfalls.reduce((n, s) => n + s.quantity, 0);
    const free = await recommend(small);
    const weights = loadCostModel().categories;
    const load = free.plan.flows.reduce((n, f) => n + f.quantity * weights[f.category]!.tonnesPerUnit.value, 0);
    const perDay = load / 4;
    const stateOnly = await recommend({ ...small, transport: { tonnesPerDay: perDay, days: 2 } });
    expect(shortOf(stateOnly)).toBeGreaterThan(shortOf(free));
    expect(stateOnly.explanation.transport).toMatchObject({ binding: true, civilianTonnes: 0, civilianAvailableTonnes: 0, units: [] });
    expect(stateOnly.explanation.transport!.loadedTonnes).toBeLessThanOrEqual(perDay * 2 + 1e-3);
    expect(stateOnly.explanation.notes).toContainEqual(expect.objectContaining({ code: 'transport-limit' }));
    const withCivilian = await recommend({ ...small, transport: { tonnesPerDay: perDay, days: 2, civilian: true } });
    expect(withCivilian.plan.shortfalls).toEqual(free.plan.shortfalls);
    const t = withCivilian.explanation.transport!;
    expect(t).toMatchObject({ binding: false, civilianAvailableTonnes: 240, units: [expect.objectContaining({ name: '湘运冷链车队', holder: cn.contributor.subject, tonnesPerDay: 120 })] });
    expect(t.loadedTonnes).toBeCloseTo(load, 2);
    expect(t.civilianTonnes).toBeCloseTo(load - perDay * 2, 2);
    expect(t.units[0]!.tonnes).toBeCloseTo(t.civilianTonnes, 3);
    expect(withCivilian.explanation.notes).toContainEqual({ code: 'civilian-transport', count: 1 });
    expect(withCivilian.plan.objective).toBeCloseTo(free.plan.objective + 24 * t.civilianTonnes, 2);

    // Issued with the plan: one instruction to the unit's holder, the tonnes asked and the lines it
    // loads (nearest depots first, enough whole units for its tonnes); the holder reads it.
    const replica2 = await ReplicaClient.open({ file: target.file, key: target.key });
    const issuing2 = createDispatchService({ replica: replica2, commands: () => commands, progress: () => undefined });
    try {
      const planLines = withCivilian.plan.flows.map((f) => ({ from: f.from, to: f.to, category: f.category, quantity: f.quantity }));
      const calls = t.units.map((u) => ({ unit: u.resourceId, tonnes: u.tonnes, days: t.days }));
      await expect(issuing2.issue({ lines: planLines, label: 'x', transport: [{ ...calls[0]!, tonnes: 241 }] })).rejects.toThrow(`carries 120 t a day, 240 t in 2 days; the plan asks 241 t`);
      await expect(issuing2.issue({ lines: planLines, label: 'x', transport: [{ unit: 'CU-430000-000000000000', tonnes: 1, days: 2 }] })).rejects.toThrow('no civilian transport unit CU-430000-000000000000 onboarded and available');
      const { results } = await issuing2.issue({ lines: planLines, label: '民间运力调用', transport: calls });
      const call = results.find((r) => r.instructionId.endsWith('-T1'));
      expect(call).toMatchObject({ region: REGION, status: 'accepted' });
      const row = cn.server.store.replica.db.prepare<[string], { payload: string }>("SELECT payload FROM events WHERE type = 'instruction.issued' AND payload LIKE ?").get(`%${call!.instructionId}%`);
      const issued = JSON.parse(row?.payload ?? '{}') as { civilian: { holder: string }; transport: { unit: string; tonnes: number; days: number }; lines: { category: string; quantity: number; fromDepot: string }[] };
      expect(issued).toMatchObject({ civilian: { holder: cn.contributor.subject }, transport: calls[0] });
      const loaded = issued.lines.reduce((n, l) => n + l.quantity * weights[l.category]!.tonnesPerUnit.value, 0);
      expect(loaded).toBeGreaterThanOrEqual(calls[0]!.tonnes - 1e-9);
      for (const l of issued.lines) expect(planLines.some((p) => p.from === l.fromDepot && p.category === l.category && p.quantity >= l.quantity)).toBe(true);
      const addressed = (await owner.request({ op: 'instructions' })).value as { id: string; transport?: unknown }[];
      expect(addressed.find((i) => i.id === call!.instructionId)).toMatchObject({ transport: calls[0] });
    } finally {
      await issuing2.dispose();
      await replica2.close();
    }

    // Withdrawn: gone from the supply, the shortfall is back.
    expect(await owner.request({ op: 'withdraw', assetId: grain, reason: '自用' })).toMatchObject({ status: 'accepted' });
    const withdrawn = await recommend();
    expect(withdrawn.plan.flows.some((f) => f.civilian)).toBe(false);
    expect(short(withdrawn, 'GR-RICE')).toBe(missing);
  });
});
