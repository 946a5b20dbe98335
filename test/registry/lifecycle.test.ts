import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstructionContent } from '../../src/shared/domain/instruction-schema';
import { readResources } from '../../src/core/registry/registry-log';
import { registryOverview } from '../../src/core/registry/registry-overview';
import { inrs } from '../audit/support/cli';
import { CommandClient } from '../commands/support/command-client';
import { commandNet, REGION, sign, type CommandNet, type Officer } from '../commands/support/officers';
import { physicalAsset, RegistryClient, serviceAsset, transportAsset, type RegistryResult } from './support/registry-client';

/*
 * The civilian asset lifecycle over the wire, on a real regional server: the national hub
 * publishes the contribution rules, a contributor registers, a verifier verifies, onboards under
 * an instruction and meters; the asset becomes a reserve resource (a lot held by its owner on
 * behalf of the state, a capability unit with its capacity, a service in the pool), is suspended
 * and withdrawn. Every step stays traceable and the log passes the audit.
 */
let cn: CommandNet;
let verifier: Officer;
const clients: { close(): void }[] = [];

beforeAll(async () => {
  cn = await commandNet();
  const p12 = cn.net.issue({ kind: 'client', region: REGION, role: 'registry-verifier', name: 'verifier-hu' });
  verifier = { ...cn.net.identity(p12), subject: `CN=verifier-hu,OU=registry-verifier,O=${REGION}`, p12 };
});

afterAll(async () => {
  for (const c of clients) c.close();
  await cn?.net.close();
});

async function connect<T extends { close(): void }>(make: Promise<T>): Promise<T> {
  const client = await make;
  clients.push(client);
  return client;
}

const idOf = (r: RegistryResult) => (r.value as { assetId: string }).assetId;
const T0 = Date.now();
/** `h` hours after the test's start: the server's clock is moved forward as the story goes on. */
const at = (h: number) => new Date(T0 + h * 3600_000).toISOString();
const RULES = { version: '2026-1', effectiveFrom: at(1), perStorageDay: { 'GR-RICE': 0.01, '*': 0.005 }, perTonneKm: 0.002, perServiceHour: 1.5, perVerifiedRegistration: 10 };

describe('civilian asset lifecycle on a real server', () => {
  it('register → verify → onboard → meter → ledger, suspend and withdraw; a failed verification cannot be onboarded', async () => {
    const commander = await connect(CommandClient.connect(cn, cn.commander));
    const publish = sign(cn, cn.commander, { expectedLevel: null, body: { kind: 'registry.publish-rules', rules: RULES } });
    expect(await commander.send(publish)).toMatchObject({ status: 'accepted' });
    cn.clock.offsetMs = 2 * 3600_000;

    const owner = await connect(RegistryClient.connect(cn, cn.contributor));
    const grain = idOf(await owner.request({ op: 'register', asset: physicalAsset('湘粮代储一号库', 500) }));
    const trucks = idOf(await owner.request({ op: 'register', asset: transportAsset() }));
    const lab = idOf(await owner.request({ op: 'register', asset: serviceAsset() }));
    const shaky = idOf(await owner.request({ op: 'register', asset: physicalAsset('待查粮库', 80) }));
    // A malformed asset file is refused with the field named; nothing is appended.
    const head = cn.server.store.head();
    expect(await owner.request({ op: 'register', asset: { ...physicalAsset(), quantity: -5 } })).toMatchObject({ status: 'refused', code: 'malformed', reason: expect.stringContaining('"quantity"') });
    expect(cn.server.store.head()).toEqual(head);

    const inspector = await connect(RegistryClient.connect(cn, verifier));
    const evidence = ['c'.repeat(64)];
    for (const assetId of [grain, trucks, lab]) {
      expect(await inspector.request({ op: 'verify', assetId, passed: true, reason: '现场核验合格', evidence })).toMatchObject({ status: 'accepted' });
    }
    expect(await inspector.request({ op: 'verify', assetId: shaky, passed: false, reason: '实存与申报不符', evidence })).toMatchObject({ status: 'accepted' });
    expect(await inspector.request({ op: 'onboard', assetId: shaky })).toMatchObject({ status: 'refused', reason: `asset ${shaky} is failed and cannot be onboarded` });

    // Onboarding on an instruction: it must be an instruction of the region.
    expect(await inspector.request({ op: 'onboard', assetId: grain, instructionId: 'I-NOWHERE' })).toMatchObject({ status: 'refused', reason: 'unknown instruction I-NOWHERE' });
    const officer = await connect(CommandClient.connect(cn, cn.officerA));
    const instruction: InstructionContent = { id: 'I-430000-CIVIL-1', kind: 'procurement', level: 'province', issuer: cn.officerA.subject, lines: [{ category: 'GR-RICE', quantity: 500 }] };
    expect(await officer.send(sign(cn, cn.officerA, { expectedLevel: null, body: { kind: 'instruction.issue', instruction } }))).toMatchObject({ status: 'accepted' });
    expect(await inspector.request({ op: 'onboard', assetId: grain, instructionId: instruction.id })).toMatchObject({ status: 'accepted' });
    expect(await inspector.request({ op: 'onboard', assetId: trucks })).toMatchObject({ status: 'accepted' });
    expect(await inspector.request({ op: 'onboard', assetId: lab })).toMatchObject({ status: 'accepted' });

    const db = cn.server.store.replica.db;
    const resources = new Map(readResources(db, { region: REGION }).map((r) => [r.assetId, r]));
    expect(resources.get(grain)).toMatchObject({ resourceId: grain.replace('CA-', 'CL-'), kind: 'lot', what: 'GR-RICE', amount: 500, owner: cn.contributor.subject, status: 'available', instructionId: instruction.id });
    expect(resources.get(trucks)).toMatchObject({ resourceId: trucks.replace('CA-', 'CU-'), kind: 'unit', what: 'transport', amount: 120, unit: 't/day', status: 'available' });
    expect(resources.get(lab)).toMatchObject({ kind: 'service', what: 'testing', unit: 'CMA-2026-0431', status: 'available' });
    expect(resources.has(shaky)).toBe(false);
    // Civilian stock is the owner's lot held for the state: it does not enter the state's own lots and stock.
    expect(db.prepare('SELECT count(*) FROM lots WHERE id = ?').pluck().get(grain.replace('CA-', 'CL-'))).toBe(0);

    // Metering: by the kind that fits the asset.
    cn.clock.offsetMs = 40 * 24 * 3600_000;
    const meter = (assetId: string, recordId: string, kind: 'storage-days' | 'tonne-km' | 'service-hours', amount: number, at: string) =>
      inspector.request({ op: 'meter', assetId, recordId, kind, amount, at });
    expect(await meter(grain, 'M-1', 'storage-days', 500 * 30, at(30 * 24))).toMatchObject({ status: 'accepted' });
    expect(await meter(trucks, 'M-2', 'tonne-km', 120 * 300, at(31 * 24))).toMatchObject({ status: 'accepted' });
    expect(await meter(lab, 'M-3', 'service-hours', 16, at(32 * 24))).toMatchObject({ status: 'accepted' });
    expect(await meter(grain, 'M-4', 'service-hours', 5, at(32 * 24))).toMatchObject({ status: 'refused', reason: `asset ${grain} is a physical asset and is metered in storage-days, not service-hours` });
    expect(await meter(grain, 'M-7', 'storage-days', 1, at(50 * 24))).toMatchObject({ status: 'refused', reason: expect.stringContaining('M-7 is dated') });
    expect(await meter(grain, 'M-1', 'storage-days', 1, at(33 * 24))).toMatchObject({ status: 'refused', reason: 'meter record M-1 already exists' });

    // The contributor reads its meters and ledger: 3 verified registrations × 10 + 15,000 × 0.01 + 36,000 × 0.002 + 16 × 1.5.
    expect(((await owner.request({ op: 'meters' })).value as unknown[]).length).toBe(3);
    const ledger = (await owner.request({ op: 'ledger' })).value as { balance: number; entries: { ruleVersion: string }[] };
    expect(ledger.balance).toBeCloseTo(30 + 150 + 72 + 24, 9);
    expect(new Set(ledger.entries.map((e) => e.ruleVersion))).toEqual(new Set(['2026-1']));

    // Suspended: no metering, not available; onboarded again: available under the same resource id.
    expect(await inspector.request({ op: 'suspend', assetId: trucks, reason: '车辆年检' })).toMatchObject({ status: 'accepted' });
    expect(readResources(db, { region: REGION, status: 'available' }).map((r) => r.assetId)).not.toContain(trucks);
    expect(await meter(trucks, 'M-5', 'tonne-km', 10, at(34 * 24))).toMatchObject({ status: 'refused', reason: `asset ${trucks} is suspended and cannot be metered` });
    expect(await inspector.request({ op: 'onboard', assetId: trucks })).toMatchObject({ status: 'accepted' });
    expect(readResources(db, { region: REGION, status: 'available' }).find((r) => r.assetId === trucks)?.resourceId).toBe(trucks.replace('CA-', 'CU-'));

    // The contributor withdraws its own grain: the lot leaves the available reserve, its trace stays.
    expect(await owner.request({ op: 'withdraw', assetId: grain, reason: '自用' })).toMatchObject({ status: 'accepted' });
    expect(readResources(db, { region: REGION }).find((r) => r.assetId === grain)?.status).toBe('withdrawn');
    expect(await meter(grain, 'M-6', 'storage-days', 10, at(35 * 24))).toMatchObject({ status: 'refused', reason: `asset ${grain} is withdrawn and cannot be metered` });

    // Traceable like a lot: who, when, on what instruction, what, read by its owner.
    const traced = (await owner.request({ op: 'asset', assetId: grain })).value as { state: string; resource: { status: string }; steps: { type: string; subject: string; role: string; instructionId: string | null }[] };
    expect(traced.state).toBe('withdrawn');
    expect(traced.steps.map((s) => [s.type, s.subject, s.role, s.instructionId])).toEqual([
      ['registry.asset-registered', cn.contributor.subject, 'contributor', null],
      ['registry.asset-verified', verifier.subject, 'registry-verifier', null],
      ['registry.asset-onboarded', verifier.subject, 'registry-verifier', instruction.id],
      ['registry.asset-metered', verifier.subject, 'registry-verifier', null],
      ['registry.asset-withdrawn', cn.contributor.subject, 'contributor', null],
    ]);

    // The registry wall's figures: the pipeline per kind, and what waits for a verifier.
    const waiting = idOf(await owner.request({ op: 'register', asset: serviceAsset('待核验维修队') }));
    expect(registryOverview(db, REGION)).toEqual({
      pipeline: [
        { region: REGION, kind: 'capability', registered: 1, verified: 1, failed: 0, onboarded: 1, suspended: 0, withdrawn: 0 },
        { region: REGION, kind: 'physical', registered: 2, verified: 1, failed: 1, onboarded: 0, suspended: 0, withdrawn: 1 },
        { region: REGION, kind: 'service', registered: 2, verified: 1, failed: 0, onboarded: 1, suspended: 0, withdrawn: 0 },
      ],
      pending: [{ assetId: waiting, region: REGION, assetRegion: '430100', kind: 'service', name: '待核验维修队', owner: cn.contributor.subject, state: 'registered', registeredAt: expect.any(String) }],
      // On the map: what is available now (the withdrawn grain is not).
      resources: [
        expect.objectContaining({ resourceId: lab.replace('CA-', 'CS-'), kind: 'service', what: 'testing', name: '湘检检测中心' }),
        expect.objectContaining({ resourceId: trucks.replace('CA-', 'CU-'), kind: 'unit', what: 'transport', amount: 120, unit: 't/day', lon: 113.13, lat: 29.36 }),
      ],
    });
    expect(registryOverview(db, '510000')).toEqual({ pipeline: [], pending: [], resources: [] });

    // Offline, from the server's data dir: the trace by the lot's id, the listing, and the audit of the whole log.
    for (const c of clients) c.close();
    await cn.server.close();
    const lot = grain.replace('CA-', 'CL-');
    const trace = inrs(['registry', 'trace', lot, '--data', cn.dataDir]);
    expect(trace.status, trace.stderr).toBe(0);
    expect(trace.stdout).toContain(`resource ${lot} (lot GR-RICE 500) withdrawn, held by ${cn.contributor.subject}`);
    expect(trace.stdout).toMatch(new RegExp(`onboarded  by ${verifier.subject.replace(/[=,]/g, '.')} \\(registry-verifier\\)  instruction ${instruction.id}`));
    const listed = inrs(['registry', 'list', '--data', cn.dataDir, '--state', 'failed', '--json']);
    expect(listed.status, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as { assetId: string }[]).map((a) => a.assetId)).toEqual([shaky]);
    expect(inrs(['registry', 'list', '--data', cn.dataDir, '--state', 'lost']).stderr).toContain('--state must be one of registered, verified, failed, onboarded, suspended, withdrawn, not "lost"');
    expect(inrs(['registry', 'trace', 'CL-nothing', '--data', cn.dataDir])).toMatchObject({ status: 1, stderr: expect.stringContaining('no civilian asset or resource CL-nothing') });
    const audit = inrs(['audit', 'verify', '--data', cn.dataDir]);
    expect(audit.status, audit.stdout + audit.stderr).toBe(0);
  });
});
