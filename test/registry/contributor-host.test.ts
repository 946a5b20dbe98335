import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContributorHost, type ContributorHost } from '../../src/main/host/contributor-host';
import { channelNames } from '../../src/shared/contract';
import { readAssets } from '../../src/core/registry/registry-log';
import { commandNet, REGION, type CommandNet, type Officer } from '../commands/support/officers';
import { physicalAsset, RegistryClient } from './support/registry-client';

/*
 * A contributor's workstation as the app host composes it: no replica, only the contributor's
 * registry-only session (mutual TLS) to a real regional server. It lists its own assets, not
 * another contributor's; registers from an asset file's text (a bad file named before sending);
 * withdraws; and every other channel of the contract is refused as not served.
 */
let cn: CommandNet;
let other: Officer;
const open: { close(): void }[] = [];
const APP = 'http://127.0.0.1:1';
const fromApp = { origin: APP, topFrame: true };

beforeAll(async () => {
  cn = await commandNet();
  const p12 = cn.net.issue({ kind: 'client', region: REGION, role: 'contributor', name: 'contributor-wu' });
  other = { ...cn.net.identity(p12), subject: `CN=contributor-wu,OU=contributor,O=${REGION}`, p12 };
}, 120_000);

afterAll(async () => {
  for (const c of open) c.close();
  await cn?.net.close();
});

function hostOf(identity: Officer): ContributorHost {
  const host = createContributorHost({ identity, rootPem: cn.net.rootPem, server: cn.server.url, version: 't', host: 'browser', isTrustedSender: (s) => s.origin === APP, log: () => {} });
  open.push(host);
  return host;
}

describe("a contributor's workstation", () => {
  it('names the contributor in app:info and refuses every channel but its own as not served', async () => {
    const host = hostOf(cn.contributor);
    expect(host.info).toEqual({ subject: cn.contributor.subject, name: 'contributor-zhou', region: REGION, server: cn.server.url });
    expect(await host.dispatch('app:info', undefined, fromApp)).toMatchObject({ ok: true, value: { contributor: { subject: cn.contributor.subject } } });
    for (const channel of channelNames.filter((c) => c !== 'app:info' && !c.startsWith('contributor:'))) {
      const answer = await host.dispatch(channel, undefined, fromApp);
      // Refused as not served, or as a bad request before that when the request needs fields.
      expect(answer.ok, channel).toBe(false);
      if (!answer.ok) expect(['not-served', 'bad-request'], channel).toContain(answer.error.code);
    }
    expect(await host.dispatch('situation:snapshot', { filter: {} }, fromApp)).toMatchObject({ ok: false, error: { code: 'not-served' } });
    expect(await host.dispatch('registry:overview', { region: null }, fromApp)).toMatchObject({ ok: false, error: { code: 'not-served' } });
  });

  it('registers from an asset file, lists only its own assets with their balance, and withdraws one', async () => {
    const theirs = await RegistryClient.connect(cn, other);
    open.push(theirs);
    const foreign = ((await theirs.request({ op: 'register', asset: physicalAsset('别家粮库', 100) })) as { value: { assetId: string } }).value.assetId;

    const host = hostOf(cn.contributor);
    const registered = await host.dispatch('contributor:register', { text: JSON.stringify(physicalAsset('周家代储库', 400)) }, fromApp);
    expect(registered).toMatchObject({ ok: true, value: { status: 'accepted', assetId: expect.stringMatching(/^CA-430000-/), seq: expect.any(Number) } });
    const mine = registered.ok ? (registered.value as { assetId: string }).assetId : '';

    const listed = await host.dispatch('contributor:assets', undefined, fromApp);
    const assets = listed.ok ? (listed.value as { assets: { assetId: string; state: string; balance: number }[] }).assets : [];
    expect(assets.map((a) => a.assetId)).toContain(mine);
    expect(assets.map((a) => a.assetId)).not.toContain(foreign);
    expect(assets.find((a) => a.assetId === mine)).toMatchObject({ state: 'registered', balance: 0, name: '周家代储库', kind: 'physical' });

    expect(await host.dispatch('contributor:instructions', undefined, fromApp)).toEqual({ ok: true, value: { instructions: [] } });
    // Another contributor's asset cannot be withdrawn from here: the server's firewall answers.
    expect(await host.dispatch('contributor:withdraw', { assetId: foreign, reason: '试图退出他人资产' }, fromApp)).toMatchObject({ ok: true, value: { status: 'refused', code: 'firewall' } });
    const withdrawn = await host.dispatch('contributor:withdraw', { assetId: mine, reason: '库房出售' }, fromApp);
    expect(withdrawn).toMatchObject({ ok: true, value: { status: 'accepted' } });
    expect(readAssets(cn.server.store.replica.db, { region: REGION }).find((a) => a.assetId === mine)?.state).toBe('withdrawn');
    expect(readAssets(cn.server.store.replica.db, { region: REGION }).find((a) => a.assetId === foreign)?.state).toBe('registered');
  });

  it('names a bad asset file field before sending, and a server it cannot reach', async () => {
    const host = hostOf(cn.contributor);
    const before = readAssets(cn.server.store.replica.db, { region: REGION }).length;
    const bad = await host.dispatch('contributor:register', { text: JSON.stringify({ ...physicalAsset(), quantity: -3 }) }, fromApp);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('quantity') } });
    expect(await host.dispatch('contributor:register', { text: '{not json' }, fromApp)).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('not JSON') } });
    expect(readAssets(cn.server.store.replica.db, { region: REGION })).toHaveLength(before);

    const away = createContributorHost({ identity: cn.contributor, rootPem: cn.net.rootPem, server: 'wss://127.0.0.1:9', version: 't', host: 'browser', isTrustedSender: () => true, log: () => {} });
    open.push(away);
    expect(await away.dispatch('contributor:assets', undefined, fromApp)).toMatchObject({ ok: false, error: { code: 'not-connected', message: expect.stringContaining('wss://127.0.0.1:9') } });
  });

  it("refuses a certificate that is not a contributor's at the start", () => {
    expect(() => hostOf(cn.officerA)).toThrow(/duty-officer, not a civilian contributor's/);
  });
});
