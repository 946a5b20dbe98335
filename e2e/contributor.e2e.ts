import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChromium, type Session } from './support/browser';
import { freePort, inrs, startHost, startRegionalServer, type RegionalServerProcess, type RunningHost } from './support/processes';

const REGION = '430000';
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
] as const;

/**
 * A civilian contributor signed into the app: a Hunan regional server over mutual TLS holding the
 * demo's civilian registry (other owners' assets), a contributor who registered one asset with
 * `inrs contributor register`, and the browser host started with the contributor's certificate.
 * The page shows only "my assets": no wall, no map, none of the other owners' assets; it
 * registers a second asset from a file, refuses a bad file by its field, and withdraws one.
 */
describe("a contributor's workstation (browser host): only its own assets", () => {
  let dir: string;
  let server: RegionalServerProcess | undefined;
  let host: RunningHost | undefined;
  let session: Session | undefined;
  let first: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inrs-e2e-contributor-'));
    const pki = join(dir, 'pki');
    inrs(['pki', 'init', '--dir', pki]);
    inrs(['pki', 'issue', '--dir', pki, '--kind', 'server', '--region', REGION, '--name', 'hunan-1', '--days', '30', '--out', join(dir, 'server.p12')]);
    inrs(['pki', 'issue', '--dir', pki, '--kind', 'client', '--region', REGION, '--role', 'contributor', '--name', 'xiangyun-grain', '--days', '1', '--out', join(dir, 'contributor.p12')]);
    inrs(['pki', 'export-trust', '--dir', pki, '--out', join(dir, 'trust')]);
    const port = await freePort();
    server = await startRegionalServer([
      '--region', REGION, '--data', join(dir, 'server'), '--trust', join(dir, 'trust'), '--identity', join(dir, 'server.p12'),
      '--port', String(port), '--seed-scale', 'tiny', '--seed-civilian',
    ]);
    const asset = join(dir, 'asset.json');
    writeFileSync(asset, JSON.stringify({ kind: 'physical', name: '湘运粮食代储库', region: '430600', lon: 113.13, lat: 29.36, category: 'GR-RICE', quantity: 5000 }));
    first = inrs(['contributor', 'register', '--server', `wss://127.0.0.1:${port}`, '--identity', join(dir, 'contributor.p12'), '--asset', asset]).trim();
    host = await startHost(['out/main/browser-host.js', '--contributor', join(dir, 'contributor.p12'), '--contributor-server', `wss://127.0.0.1:${port}`, '--data-dir', join(dir, 'workstation'), '--port', '0']);
    session = await openChromium();
  }, 300_000);

  afterAll(async () => {
    await session?.close();
    await host?.stop();
    server?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the contributor’s own asset and nothing of the reserve', async () => {
    const page = session!.page;
    await page.setViewportSize(SIZES[0]);
    await page.goto(host!.url);
    const mine = page.locator('[data-testid="my-assets"][data-status="ready"]');
    await mine.waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('contributor-who').textContent()).resolves.toContain('xiangyun-grain');
    await expect(mine.locator('tbody tr[data-asset]').count()).resolves.toBe(1);
    await expect(mine.locator(`tr[data-asset="${first}"] th`).textContent()).resolves.toContain('湘运粮食代储库');
    await expect(mine.locator(`tr[data-asset="${first}"]`).getAttribute('data-state')).resolves.toBe('registered');
    await page.locator('[data-testid="my-instructions"][data-status="ready"][data-count="0"]').waitFor({ timeout: 30_000 });
    // No wall, map, figure or filter of the reserve is part of this page.
    for (const testId of ['app-ready', 'map', 'wall', 'filter-bar']) await expect(page.getByTestId(testId).count(), testId).resolves.toBe(0);
    await expect(page.locator('[data-testid^="wall-tab-"]').count()).resolves.toBe(0);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await session!.screenshot(`contributor-zh-${size.width}`);
    }
  });

  it('registers from a file (a bad field named first) and withdraws an asset; the server answers each', async () => {
    const page = session!.page;
    await page.setViewportSize(SIZES[0]);
    const form = page.getByTestId('register-asset');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ kind: 'capability', name: '冷链车队', region: '430600', lon: 113.1, lat: 29.3, capability: 'teleport', capacity: 20, unit: 't/day' }));
    await page.getByTestId('register-file').setInputFiles(bad);
    await form.locator('[data-action="register"]').click();
    await expect(form.locator('.registry-outcome').textContent({ timeout: 30_000 })).resolves.toContain('capability');

    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ kind: 'capability', name: '湘运冷链车队', region: '430600', lon: 113.1, lat: 29.3, capability: 'cold-chain', capacity: 20, unit: 't/day' }));
    await page.getByTestId('register-file').setInputFiles(good);
    await form.locator('[data-action="register"]').click();
    const accepted = await page.getByTestId('register-accepted').textContent({ timeout: 30_000 });
    const second = /CA-430000-[0-9a-f]{12}/.exec(accepted ?? '')?.[0] ?? '';
    expect(second).not.toBe('');
    const mine = page.getByTestId('my-assets');
    await mine.locator(`tr[data-asset="${second}"]`).waitFor({ timeout: 30_000 });
    await expect(mine.locator('tbody tr[data-asset]').count()).resolves.toBe(2);

    const withdraw = mine.locator(`[data-testid="withdraw-action"][data-asset="${second}"]`);
    await withdraw.locator('[data-action="open-withdraw"]').click();
    await withdraw.locator('[data-action="withdraw"]').click();
    await expect(withdraw.locator('.registry-outcome').textContent()).resolves.toBe('请填写退出原因');
    await withdraw.locator('input[name="reason"]').fill('车队转让');
    await withdraw.locator('[data-action="withdraw"]').click();
    await mine.locator(`tr[data-asset="${second}"][data-state="withdrawn"]`).waitFor({ timeout: 30_000 });

    await page.getByTestId('lang-en').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await expect(mine.locator(`tr[data-asset="${second}"] td`).nth(2).textContent()).resolves.toBe('Withdrawn');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await session!.screenshot(`contributor-en-${size.width}`);
    }
    expect(session!.problems).toEqual([]);
  });
});
