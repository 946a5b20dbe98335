import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegionalStore, STORE_FILE, STORE_KEY_FILE } from '../src/core/regional/regional-store';
import { seedInto } from '../src/core/seed/seed-replica';
import { ARTIFACTS, openChromium, type Session } from './support/browser';
import { freePort, inrs, startHost, startRegionalServer, type RegionalServerProcess, type RunningHost } from './support/processes';

const REGION = '430000';
const contributor = { subject: 'CN=contributor-zhou,OU=contributor,O=430000', role: 'contributor' };
const verifier = { subject: 'CN=verifier-hu,OU=registry-verifier,O=430000', role: 'registry-verifier' };

/**
 * The registry wall in Chromium through the browser host, on a replica whose Hunan log holds a
 * civilian asset lifecycle appended by the regional store as the registry session appends it:
 * the pipeline per kind and the pending verifications, in both languages.
 */
describe('registry wall (browser host)', () => {
  let dir: string;
  let host: RunningHost;
  let session: Session;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inrs-e2e-registry-'));
    const data = join(dir, 'server');
    const store = openRegionalStore(data, REGION);
    try {
      seedInto(store.replica, { scale: 'tiny', seed: 7, asOf: '2026-06-01T00:00:00.000Z', regions: ['000000', REGION] });
      let n = 0;
      const append = (actor: typeof contributor, type: string, payload: unknown) => {
        const result = store.append(`e2e-registry-${++n}`, { region: REGION, type, eventTime: new Date().toISOString(), actor, instructionId: null, payload }, new Date());
        if (result.status !== 'accepted') throw new Error(`${type} refused: ${result.reason}`);
      };
      const asset = (name: string, extra: object) => ({ name, region: '430100', lon: 112.94, lat: 28.23, ...extra });
      append(contributor, 'registry.asset-registered', { assetId: 'CA-430000-000000000001', owner: contributor.subject, asset: asset('湘粮代储一号库', { kind: 'physical', category: 'GR-RICE', quantity: 500 }) });
      append(contributor, 'registry.asset-registered', { assetId: 'CA-430000-000000000002', owner: contributor.subject, asset: asset('湘运冷链车队', { kind: 'capability', capability: 'transport', capacity: 120, unit: 't/day' }) });
      append(contributor, 'registry.asset-registered', { assetId: 'CA-430000-000000000003', owner: contributor.subject, asset: asset('待核验检测中心', { kind: 'service', service: 'testing', certification: 'CMA-1' }) });
      append(verifier, 'registry.asset-verified', { assetId: 'CA-430000-000000000001', passed: true, reason: '现场核验合格', evidence: [] });
      append(verifier, 'registry.asset-onboarded', { assetId: 'CA-430000-000000000001' });
      append(verifier, 'registry.asset-verified', { assetId: 'CA-430000-000000000002', passed: false, reason: '车辆证照不全', evidence: [] });
    } finally {
      store.close();
    }
    copyFileSync(join(data, STORE_FILE), join(dir, 'replica.db'));
    copyFileSync(join(data, STORE_KEY_FILE), join(dir, 'replica.key'));
    host = await startHost(['out/main/browser-host.js', '--replica', join(dir, 'replica.db'), '--key-file', join(dir, 'replica.key'), '--port', '0']);
    session = await openChromium();
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    await host?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the pipeline registered → verified → onboarded by kind, and the asset waiting for a verifier', async () => {
    const { page } = session;
    await page.setViewportSize({ width: 1920, height: 1080 });
    const url = new URL(host.url);
    url.searchParams.set('wall', 'registry');
    await page.goto(url.toString());
    await page.getByTestId('app-ready').waitFor({ timeout: 60_000 });
    const pipeline = page.locator('[data-testid="registry-pipeline"][data-status="ready"]');
    await pipeline.waitFor({ timeout: 60_000 });
    const cell = (kind: string, state: string) => pipeline.locator(`tr[data-region="${REGION}"][data-kind="${kind}"] td[data-state="${state}"]`).textContent();
    await expect(cell('physical', 'registered')).resolves.toBe('1');
    await expect(cell('physical', 'onboarded')).resolves.toBe('1');
    await expect(cell('capability', 'verified')).resolves.toBe('0');
    await expect(cell('capability', 'failed')).resolves.toBe('1');
    await expect(pipeline.locator('[data-step="registered"] .registry-funnel-count').textContent()).resolves.toBe('3');
    await expect(pipeline.locator('[data-step="onboarded"] .registry-funnel-count').textContent()).resolves.toBe('1');
    await expect(pipeline.locator('tr[data-kind="physical"] th').textContent()).resolves.toBe('湖南省');

    const pending = page.locator('[data-testid="registry-pending"][data-status="ready"]');
    await pending.waitFor();
    await expect(pending.locator('tbody tr').count()).resolves.toBe(1);
    await expect(pending.locator('tr[data-asset="CA-430000-000000000003"] th').textContent()).resolves.toBe('待核验检测中心');
    await expect(pending.locator('h2').textContent()).resolves.toBe('待核验资产（1）');
    // The map: the one available resource (the onboarded grain) drawn over the provinces.
    await page.locator('[data-testid="registry-map"] [data-testid="map"][data-map-ready="true"]').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.locator('[data-testid="registry-map"] [data-testid="map"]').getAttribute('data-overlay-count'), { timeout: 60_000 }).toBe('1');
    const mapBox = await page.getByTestId('registry-map').boundingBox();
    expect(mapBox?.height ?? 0).toBeGreaterThan(300);
    const box = await pipeline.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(200);

    await page.getByTestId('lang-en').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await expect(page.locator('[data-testid="registry-pending"] h2').textContent()).resolves.toBe('Pending verifications (1)');
    await expect(page.locator('[data-testid="registry-pipeline"] tr[data-kind="capability"] td').first().textContent()).resolves.toBe('Capability');
    await page.screenshot({ path: join(ARTIFACTS, 'registry-wall-en.png') });
    await page.getByTestId('lang-zh-CN').click();
    expect(session.problems).toEqual([]);
  });
});

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
] as const;

/**
 * The civilian asset's whole way in, on real parts: a Hunan regional server over mutual TLS with
 * the demo's civilian registry, a contributor registering through \`inrs contributor register\`,
 * a commander's workstation (browser host + Chromium) that also holds the province's registry
 * verifier certificate: the verifier inspects and onboards the asset on the registry wall, the
 * asset appears on the national map's civilian layer and as a civilian line of a dispatch
 * recommendation.
 */
describe('civilian asset: registered by CLI, verified and onboarded in the app, on the map and in dispatch', () => {
  let dir: string;
  let server: RegionalServerProcess | undefined;
  let host: RunningHost | undefined;
  let session: Session | undefined;
  let port: number;
  let assetId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inrs-e2e-civilian-'));
    const pki = join(dir, 'pki');
    inrs(['pki', 'init', '--dir', pki]);
    inrs(['pki', 'issue', '--dir', pki, '--kind', 'server', '--region', REGION, '--name', 'hunan-1', '--days', '30', '--out', join(dir, 'server.p12')]);
    inrs(['pki', 'issue', '--dir', pki, '--kind', 'client', '--region', '000000', '--role', 'national-commander', '--name', 'commander-zhao', '--days', '1', '--out', join(dir, 'commander.p12')]);
    inrs(['pki', 'issue', '--dir', pki, '--kind', 'client', '--region', REGION, '--role', 'registry-verifier', '--name', 'verifier-hu', '--days', '1', '--out', join(dir, 'verifier.p12')]);
    inrs(['pki', 'issue', '--dir', pki, '--kind', 'client', '--region', REGION, '--role', 'contributor', '--name', 'xiangyun-grain', '--days', '1', '--out', join(dir, 'contributor.p12')]);
    inrs(['seed', '--scale', 'tiny', '--civilian', '--out', join(dir, 'seed.db'), '--key-file', join(dir, 'seed.key')]);
    inrs(['pki', 'export-trust', '--dir', pki, '--out', join(dir, 'trust')]);
    port = await freePort();
    server = await startRegionalServer([
      '--region', REGION, '--data', join(dir, 'server'), '--trust', join(dir, 'trust'), '--identity', join(dir, 'server.p12'),
      '--port', String(port), '--seed-scale', 'tiny', '--seed-civilian',
    ]);
    const data = join(dir, 'workstation');
    mkdirSync(data);
    copyFileSync(join(dir, 'seed.db'), join(data, 'replica.db'));
    copyFileSync(join(dir, 'seed.key'), join(data, 'replica.key'));
    writeFileSync(
      join(data, 'sync.json'),
      JSON.stringify({
        replica: 'replica.db', keyFile: 'replica.key', identity: '../commander.p12', passphraseFile: '../commander.passphrase', rootCert: '../trust/root.crt',
        clientId: 'commander', regions: { [REGION]: { urls: [`wss://127.0.0.1:${port}`] } },
      }),
    );
    host = await startHost([
      'out/main/browser-host.js', '--replica', join(data, 'replica.db'), '--key-file', join(data, 'replica.key'),
      '--sync-config', join(data, 'sync.json'), '--registry-identity', join(dir, 'verifier.p12'), '--data-dir', data, '--port', '0',
    ]);
    session = await openChromium();
  }, 300_000);

  afterAll(async () => {
    await session?.close();
    await host?.stop();
    server?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a contributor registers through the CLI', () => {
    const file = join(dir, 'asset.json');
    writeFileSync(file, JSON.stringify({ kind: 'physical', name: '湘运粮食代储库', region: '430600', lon: 113.13, lat: 29.36, category: 'GR-RICE', quantity: 5000 }));
    const out = inrs(['contributor', 'register', '--server', `wss://127.0.0.1:${port}`, '--identity', join(dir, 'contributor.p12'), '--asset', file]).trim();
    expect(out).toMatch(/^CA-430000-[0-9a-f]{12}$/);
    assetId = out;
  });

  it('the verifier inspects it (a bad hash refused in the app) and onboards it from the registry wall', async () => {
    const page = session!.page;
    await page.setViewportSize(SIZES[0]);
    await page.goto(`${host!.url}&wall=registry`);
    await page.getByTestId('app-ready').waitFor({ timeout: 60_000 });
    await page.locator(`[data-testid="link-status-${REGION}"][data-status="live"]`).waitFor({ timeout: 60_000 });
    const pending = page.locator(`[data-testid="registry-pending"][data-status="ready"][data-verifier="${REGION}"]`);
    await pending.waitFor({ timeout: 60_000 });
    await expect(pending.locator(`tr[data-asset="${assetId}"] th`).textContent({ timeout: 60_000 })).resolves.toBe('湘运粮食代储库');
    // The verifier's own province comes first, each of its rows with the step on a row below it.
    await expect(pending.locator('tbody tr').first().getAttribute('class')).resolves.toBe('registry-own');
    const row = pending.locator(`tr[data-asset-actions="${assetId}"]`);
    await row.locator('[data-action="open-verify"]').click();
    await row.locator('textarea[name="reason"]').fill('现场核验合格：实物、证照与登记一致');
    await row.locator('input[name="evidence"]').fill('photo.jpg');
    await row.locator('[data-action="pass"]').click();
    await expect(row.locator('.registry-outcome').textContent()).resolves.toContain('不是 SHA-256 哈希');
    await row.locator('input[name="evidence"]').fill(`${'a'.repeat(64)}, ${'b'.repeat(64)}`);
    await row.locator('[data-action="pass"]').click();
    await row.locator('.registry-outcome[data-outcome="accepted"]').waitFor({ timeout: 30_000 });
    // Back through the commander's link: the row is verified now and can be onboarded.
    const verified = pending.locator(`tr[data-asset-actions="${assetId}"][data-state="verified"]`);
    await verified.waitFor({ timeout: 30_000 });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.locator('[data-testid="registry-map"] [data-testid="map"][data-map-ready="true"]').waitFor({ timeout: 120_000 });
      await session!.screenshot(`registry-wall-verifier-zh-${size.width}`);
    }
    await page.setViewportSize(SIZES[0]);
    await verified.locator('[data-action="onboard"]').click();
    await verified.locator('.registry-outcome[data-outcome="accepted"]').waitFor({ timeout: 30_000 });
    await pending.locator(`tr[data-asset="${assetId}"]`).waitFor({ state: 'detached', timeout: 30_000 });
    // A seeded asset that failed its inspection is not offered; the server refuses what the wall would not send.
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.getByTestId('lang-en').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      await page.locator('[data-testid="registry-map"] [data-testid="map"][data-map-ready="true"]').waitFor({ timeout: 120_000 });
      await session!.screenshot(`registry-wall-verifier-en-${size.width}`);
      await page.getByTestId('lang-zh-CN').click();
    }
    expect(session!.problems).toEqual([]);
  });

  it('the onboarded stock is on the national map’s civilian layer, with its legend and switch', async () => {
    const page = session!.page;
    await page.setViewportSize(SIZES[0]);
    await page.goto(`${host!.url}&wall=national-overview`);
    await page.getByTestId('app-ready').waitFor({ timeout: 60_000 });
    const map = page.locator('[data-testid="map-slot"] [data-testid="map"]');
    // Seeded: rice, transport and cold chain available in each of 31 provinces; plus the new lot.
    await expect.poll(async () => Number(await map.getAttribute('data-overlay-count')), { timeout: 60_000 }).toBe(31 * 3 + 1);
    await expect(page.getByTestId('legend-civilian').locator('[data-kind="lot"] small').textContent()).resolves.toBe('32');
    for (const size of SIZES) {
      for (const lang of ['zh-CN', 'en'] as const) {
        await page.setViewportSize(size);
        await page.getByTestId(`lang-${lang}`).click();
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
        await page.locator('[data-testid="map-slot"] [data-testid="map"][data-map-ready="true"]').waitFor({ timeout: 120_000 });
        await page.getByTestId('map-legend').evaluate((d) => ((d as HTMLDetailsElement).open = true));
        await session!.screenshot(`map-civilian-layer-${lang}-${size.width}`);
      }
    }
    await page.getByTestId('lang-zh-CN').click();
    // The switch hides the layer and its legend.
    await page.getByTestId('map-layers').evaluate((d) => ((d as HTMLDetailsElement).open = true));
    await page.locator('[data-testid="map-layers"] button[data-layer="civilian"]').click();
    await expect.poll(async () => Number(await map.getAttribute('data-overlay-count'))).toBe(0);
    await expect(page.getByTestId('legend-civilian').count()).resolves.toBe(0);
    await page.locator('[data-testid="map-layers"] button[data-layer="civilian"]').click();
    await expect.poll(async () => Number(await map.getAttribute('data-overlay-count'))).toBe(31 * 3 + 1);
    expect(session!.problems).toEqual([]);
  });

  it('a dispatch recommendation calls on it, marked civilian', async () => {
    const page = session!.page;
    await page.goto(`${host!.url}&wall=emergency-operations`);
    await page.getByTestId('app-ready').waitFor({ timeout: 60_000 });
    await page.getByTestId('dispatch-add-region').selectOption(REGION);
    await page.getByTestId(`dispatch-people-${REGION}`).fill('20000000');
    await page.getByTestId('dispatch-days').fill('30');
    await page.getByTestId('dispatch-recommend').click();
    await page.locator('[data-testid="dispatch-plan"][data-open="true"]').waitFor({ timeout: 120_000 });
    const lot = assetId.replace('CA-', 'CL-');
    const line = page.locator(`[data-testid="dispatch-plan-table"] tbody tr[data-line^="${lot}|"]`);
    await line.waitFor({ timeout: 30_000 });
    await expect(line.locator('.dispatch-civilian').textContent()).resolves.toBe('民间');
    await expect(line.locator('th').textContent()).resolves.toContain('湘运粮食代储库');
    expect(session!.problems).toEqual([]);
  });

  it('with the state’s lorries limited, the onboarded civilian transport carries the rest, named in the explanation', async () => {
    const page = session!.page;
    await page.setViewportSize(SIZES[0]);
    await page.getByTestId(`dispatch-people-${REGION}`).fill('20000');
    await page.getByTestId('dispatch-days').fill('3');
    await page.getByTestId('dispatch-transport').fill('5');
    await page.getByTestId('dispatch-transport-days').fill('2');
    await page.getByTestId('dispatch-recommend').click();
    const explained = page.getByTestId('dispatch-transport-explanation');
    await page.locator('[data-testid="dispatch-transport-explanation"][data-binding="true"]').waitFor({ timeout: 120_000 });
    await expect(explained.getAttribute('data-civilian-tonnes')).resolves.toBe('0');
    const shortWithout = Number(await page.locator('[data-testid="dispatch-totals"] tbody tr').evaluateAll((rows) => rows.reduce((n, r) => n + Number(r.getAttribute('data-shortfall')), 0)));
    expect(shortWithout).toBeGreaterThan(0);
    await page.getByTestId('dispatch-civilian-transport').check();
    await page.getByTestId('dispatch-recommend').click();
    await page.locator('[data-testid="dispatch-transport-explanation"][data-binding="false"]').waitFor({ timeout: 120_000 });
    expect(Number(await explained.getAttribute('data-civilian-tonnes'))).toBeGreaterThan(0);
    // A seeded fleet of the registry carries it, named with its holder and its share.
    await expect(explained.locator('li[data-unit]').first().textContent()).resolves.toMatch(/顺达物流应急车队（.+，150 吨\/天）：承运 [\d,.]+ 吨/);
    const shortWith = Number(await page.locator('[data-testid="dispatch-totals"] tbody tr').evaluateAll((rows) => rows.reduce((n, r) => n + Number(r.getAttribute('data-shortfall')), 0)));
    expect(shortWith).toBeLessThan(shortWithout);
    await page.locator('[data-note="civilian-transport"]').waitFor();
    for (const size of SIZES) {
      for (const lang of ['zh-CN', 'en'] as const) {
        await page.setViewportSize(size);
        await page.getByTestId(`lang-${lang}`).click();
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
        await explained.scrollIntoViewIfNeeded();
        await session!.screenshot(`dispatch-civilian-transport-${lang}-${size.width}`);
      }
    }
    await page.getByTestId('lang-zh-CN').click();
    expect(session!.problems).toEqual([]);
  });

  it('the verifier records its use in storage-days and suspends it from the wall; the map drops it', async () => {
    const page = session!.page;
    await page.setViewportSize(SIZES[0]);
    await page.goto(`${host!.url}&wall=registry`);
    await page.getByTestId('app-ready').waitFor({ timeout: 60_000 });
    const panel = page.locator(`[data-testid="registry-pending"][data-status="ready"][data-verifier="${REGION}"]`);
    await panel.waitFor({ timeout: 60_000 });
    await panel.locator('[data-list="onboarded"]').click();
    const actions = panel.locator(`[data-testid="resource-actions"][data-asset="${assetId}"]`);
    await actions.locator('[data-action="open-meter"]').click();
    await expect(actions.locator('label').textContent()).resolves.toContain('储存·天');
    await actions.locator('[data-action="meter"]').click();
    await expect(actions.locator('.registry-outcome').textContent()).resolves.toBe('请填写大于零的使用量');
    await actions.locator('input[name="amount"]').fill('1200');
    await actions.locator('[data-action="meter"]').click();
    await actions.locator('.registry-outcome[data-outcome="accepted"]').waitFor({ timeout: 30_000 });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await session!.screenshot(`registry-onboarded-zh-${size.width}`);
    }
    await page.setViewportSize(SIZES[0]);
    const map = page.locator('[data-testid="registry-map"] [data-testid="map"]');
    const before = Number(await map.getAttribute('data-overlay-count'));
    await actions.locator('[data-action="open-suspend"]').click();
    await actions.locator('input[name="reason"]').fill('仓储条件整改');
    await actions.locator('[data-action="suspend"]').click();
    // Back through the commander's link: no longer available, so off the list and the map.
    await panel.locator(`tr[data-asset="${assetId}"]`).waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(async () => Number(await map.getAttribute('data-overlay-count')), { timeout: 60_000 }).toBe(before - 1);
    await expect(page.locator(`[data-testid="registry-pipeline"] tr[data-kind="physical"][data-region="${REGION}"] td[data-state="suspended"]`).textContent()).resolves.toBe('1');
    expect(session!.problems).toEqual([]);
  });
});
