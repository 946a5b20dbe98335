import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChromium, type Session } from './support/browser';
import { freePort, inrs, startHost, startRegionalServer, type RunningHost, type RegionalServerProcess } from './support/processes';

const REGION = '430000';



describe('live regional state in the browser host', () => {
  let dir: string;
  let server: RegionalServerProcess | undefined;
  let host: RunningHost;
  let session: Session;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inrs-live-'));
    const pki = join(dir, 'pki');
    inrs(['pki', 'init', '--dir', pki]);
    inrs(['pki', 'issue', '--dir', pki, '--kind', 'client', '--region', '000000', '--role', 'national-commander', '--name', 'officer', '--days', '1', '--out', join(dir, 'client.p12')]);
    inrs(['pki', 'issue', '--dir', pki, '--kind', 'server', '--region', REGION, '--name', 'hunan-1', '--days', '30', '--out', join(dir, 'server.p12')]);
    inrs(['seed', '--scale', 'tiny', '--out', join(dir, 'replica.db'), '--key-file', join(dir, 'replica.key')]);
    inrs(['pki', 'export-trust', '--dir', pki, '--out', join(dir, 'trust')]);
    const port = await freePort();
    server = await startRegionalServer([
      '--region', REGION, '--data', join(dir, 'server'), '--trust', join(dir, 'trust'), '--identity', join(dir, 'server.p12'),
      '--port', String(port), '--seed-scale', 'tiny', '--simulate', '2',
    ]);
    writeFileSync(
      join(dir, 'sync.json'),
      JSON.stringify({
        replica: 'replica.db', keyFile: 'replica.key', identity: 'client.p12', passphraseFile: 'client.passphrase', rootCert: 'trust/root.crt',
        regions: { [REGION]: { urls: [`wss://127.0.0.1:${port}`] } },
      }),
    );
    host = await startHost([
      'out/main/browser-host.js', '--replica', join(dir, 'replica.db'), '--key-file', join(dir, 'replica.key'),
      '--sync-config', join(dir, 'sync.json'), '--port', '0',
    ]);
    session = await openChromium();
  });

  afterAll(async () => {
    await session?.close();
    await host?.stop();
    server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the region going live', async () => {
    await session.page.goto(host.url);
    await session.page.getByTestId('app-ready').waitFor();
    await session.page.locator(`[data-testid="link-status-${REGION}"][data-status="live"]`).waitFor();
    await session.screenshot('live-region');
  });

  it('movements made on the server appear without a reload', async () => {
    const { page } = session;
    const events = page.getByTestId('kpi-events');
    const before = Number(await events.getAttribute('data-value'));
    const asOf = page.locator(`[data-testid="region-status-${REGION}"] [data-testid="data-as-of"]`);
    const asOfBefore = await asOf.getAttribute('data-value');
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="kpi-events"]')?.getAttribute('data-value')) > n,
      before,
      { timeout: 30_000 },
    );
    expect(await asOf.getAttribute('data-value')).not.toBe(asOfBefore);
  });

  it('a stopped server turns the region stale, with its data-as-of time kept', async () => {
    const { page } = session;
    server?.kill('SIGKILL');
    const badge = page.locator(`[data-testid="link-status-${REGION}"][data-status="stale"]`);
    await badge.waitFor({ timeout: 60_000 });
    expect(await badge.textContent()).toMatch(/已过时|stale/);
    expect(await page.locator(`[data-testid="region-status-${REGION}"] [data-testid="data-as-of"]`).getAttribute('data-value')).toMatch(/^\d{4}-/);
    await session.screenshot('stale-region');
    expect(session.problems).toEqual([]);
  });
});
