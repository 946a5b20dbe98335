import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegionalStore, STORE_FILE, STORE_KEY_FILE } from '../src/core/regional/regional-store';
import { seedInto } from '../src/core/seed/seed-replica';
import { ARTIFACTS, openChromium, type Session } from './support/browser';
import { startHost, type RunningHost } from './support/processes';

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
