import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryActions, type RegistryActions } from '../../src/main/host/registry-actions';
import { createRegistryHandlers } from '../../src/main/host/registry-handlers';
import { readAssets, readResources } from '../../src/core/registry/registry-log';
import { HostError } from '../../src/shared/contract';
import { inrs } from '../audit/support/cli';
import { commandNet, REGION, type CommandNet, type Officer } from '../commands/support/officers';
import { physicalAsset, RegistryClient, serviceAsset } from './support/registry-client';

/*
 * The verifier's steps as the app host sends them: a registry session with the verifier's
 * certificate over mutual TLS to a real regional server, which decides and audits each step.
 */
let cn: CommandNet;
let verifier: Officer;
let sichuanVerifier: Officer;
const open: { close(): void }[] = [];

beforeAll(async () => {
  cn = await commandNet();
  const issue = (name: string, region: string): Officer => {
    const p12 = cn.net.issue({ kind: 'client', region, role: 'registry-verifier', name });
    return { ...cn.net.identity(p12), subject: `CN=${name},OU=registry-verifier,O=${region}`, p12 };
  };
  verifier = issue('verifier-hu', REGION);
  sichuanVerifier = issue('verifier-chuan', '510000');
}, 120_000);

afterAll(async () => {
  for (const c of open) c.close();
  await cn?.net.close();
});

function actionsOf(identity: Officer): RegistryActions {
  const actions = createRegistryActions({ identity, rootPem: cn.net.rootPem, regions: { [REGION]: { urls: [cn.server.url] } }, log: () => {} });
  open.push(actions);
  return actions;
}

const ids = (r: unknown) => (r as { value: { assetId: string } }).value.assetId;
const evidence = ['b'.repeat(64), 'c'.repeat(64)];

describe('registry verifier steps from the app host', () => {
  it('verifies (pass, with evidence) and onboards over mTLS; the server records the verifier and audits each step', async () => {
    const owner = await RegistryClient.connect(cn, cn.contributor);
    open.push(owner);
    const grain = ids(await owner.request({ op: 'register', asset: physicalAsset('湘粮代储二号库', 300) }));
    const actions = actionsOf(verifier);
    expect(actions.verifier).toEqual({ subject: verifier.subject, name: 'verifier-hu', region: REGION });

    const verified = await actions.send(REGION, { op: 'verify', assetId: grain, passed: true, reason: '现场核验合格', evidence });
    expect(verified).toMatchObject({ status: 'accepted', code: null, seq: expect.any(Number) });
    const onboarded = await actions.send(REGION, { op: 'onboard', assetId: grain });
    expect(onboarded.status).toBe('accepted');
    expect(onboarded.seq).toBeGreaterThan(verified.seq ?? 0);

    const db = cn.server.store.replica.db;
    expect(readAssets(db, { region: REGION }).find((a) => a.assetId === grain)?.state).toBe('onboarded');
    expect(readResources(db, { region: REGION, status: 'available' }).map((r) => r.assetId)).toContain(grain);
    const step = db.prepare<[string], { actor_subject: string; payload: string }>("SELECT actor_subject, payload FROM events WHERE type = 'registry.asset-verified' AND payload LIKE ?").get(`%${grain}%`);
    expect(step?.actor_subject).toBe(verifier.subject);
    expect(JSON.parse(step?.payload ?? '{}')).toMatchObject({ passed: true, evidence });
    const audit = inrs(['server', 'audit', '--data', cn.dataDir, '--json']);
    expect(audit.stdout).toContain('registry verify');
    expect(audit.stdout).toContain('registry onboard');
  });

  it('answers a refusal with the server’s code and reason, and leaves the asset where it was', async () => {
    const owner = await RegistryClient.connect(cn, cn.contributor);
    open.push(owner);
    const lab = ids(await owner.request({ op: 'register', asset: serviceAsset('证照不全检测站') }));
    const handlers = createRegistryHandlers(null as never, () => actionsOf(verifier));
    const failed = await handlers['registry:verify']({ region: REGION, assetId: lab, passed: false, reason: '资质证书过期', evidence: [] });
    expect(failed).toMatchObject({ status: 'accepted' });
    // A failed verification cannot be onboarded: refused by the server, with the asset's state named.
    const refused = await handlers['registry:onboard']({ region: REGION, assetId: lab });
    expect(refused).toMatchObject({ status: 'refused', reason: expect.stringContaining('failed and cannot be onboarded') });
    expect(readAssets(cn.server.store.replica.db, { region: REGION }).find((a) => a.assetId === lab)?.state).toBe('failed');
    // An asset the server does not hold.
    expect(await handlers['registry:onboard']({ region: REGION, assetId: 'CA-430000-000000000000' })).toMatchObject({ status: 'refused', code: 'unknown-asset' });
  });

  it('records use of an onboarded asset in its meter kind and suspends it; the wrong kind and a second suspension are refused', async () => {
    const owner = await RegistryClient.connect(cn, cn.contributor);
    open.push(owner);
    const grain = ids(await owner.request({ op: 'register', asset: physicalAsset('湘粮代储三号库', 200) }));
    const handlers = createRegistryHandlers(null as never, () => actionsOf(verifier));
    await handlers['registry:verify']({ region: REGION, assetId: grain, passed: true, reason: '合格', evidence });
    await handlers['registry:onboard']({ region: REGION, assetId: grain });

    const metered = await handlers['registry:meter']({ region: REGION, assetId: grain, kind: 'storage-days', amount: 6000 });
    expect(metered).toMatchObject({ status: 'accepted', seq: expect.any(Number) });
    const wrong = await handlers['registry:meter']({ region: REGION, assetId: grain, kind: 'tonne-km', amount: 10 });
    expect(wrong).toMatchObject({ status: 'refused', reason: expect.stringContaining('storage-days') });
    const db = cn.server.store.replica.db;
    const meters = db.prepare<[string], { kind: string; amount: number; record_id: string }>('SELECT kind, amount, record_id FROM registry_meters WHERE asset_id = ?').all(grain);
    expect(meters).toEqual([{ kind: 'storage-days', amount: 6000, record_id: expect.stringMatching(/^MR-/) }]);

    expect(await handlers['registry:suspend']({ region: REGION, assetId: grain, reason: '仓储条件整改' })).toMatchObject({ status: 'accepted' });
    expect(readAssets(db, { region: REGION }).find((a) => a.assetId === grain)?.state).toBe('suspended');
    expect(readResources(db, { region: REGION, status: 'available' }).map((r) => r.assetId)).not.toContain(grain);
    expect(await handlers['registry:suspend']({ region: REGION, assetId: grain, reason: '再次暂停' })).toMatchObject({ status: 'refused', reason: expect.stringContaining('suspended') });
    const audit = inrs(['server', 'audit', '--data', cn.dataDir, '--json']);
    expect(audit.stdout).toContain('registry meter');
    expect(audit.stdout).toContain('registry suspend');
  });

  it('refuses a verifier of another province at the door, and a workstation without a verifier certificate before anything is sent', async () => {
    const chuan = actionsOf(sichuanVerifier);
    const answer = await chuan.send(REGION, { op: 'onboard', assetId: 'CA-430000-000000000000' });
    expect(answer).toMatchObject({ status: 'refused', code: 'role', reason: expect.stringContaining('403') });

    const none = createRegistryHandlers(null as never, () => null);
    expect(await none['registry:verifier'](undefined)).toBeNull();
    await expect(Promise.resolve().then(() => none['registry:verify']({ region: REGION, assetId: 'CA-1', passed: true, reason: 'x', evidence: [] }))).rejects.toThrow(/no registry verifier's certificate/);
    // A commander's certificate is not a verifier's.
    expect(() => createRegistryActions({ identity: cn.commander, rootPem: cn.net.rootPem, regions: {}, log: () => {} })).toThrow(/national-commander, not a registry verifier's/);
    // No link to the asset's region: a HostError naming it.
    await expect(actionsOf(verifier).send('510000', { op: 'onboard', assetId: 'CA-510000-1' })).rejects.toBeInstanceOf(HostError);
  });
});
