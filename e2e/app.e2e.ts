import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChromium, type Session } from './support/browser';
import { inrs, startHost, type RunningHost } from './support/processes';

interface Stats {
  depots: number;
  lots: number;
  events: number;
  categories: number;
  regions: { region: string; dataAsOf: string | null }[];
}

describe('app on a seeded replica (browser host)', () => {
  let dir: string;
  let host: RunningHost;
  let session: Session;
  let stats: Stats;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inrs-e2e-'));
    const replica = join(dir, 'replica.db');
    const keyFile = join(dir, 'replica.key');
    inrs(['seed', '--scale', 'tiny', '--out', replica, '--key-file', keyFile]);
    stats = JSON.parse(inrs(['replica', 'stats', '--replica', replica, '--key-file', keyFile, '--json'])) as Stats;
    host = await startHost(['out/main/browser-host.js', '--replica', replica, '--key-file', keyFile, '--port', '0']);
    session = await openChromium();
  });

  afterAll(async () => {
    await session?.close();
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the depot, lot and event counts of the replica', async () => {
    const { page } = session;
    await page.goto(host.url);
    await page.getByTestId('app-ready').waitFor();
    const value = (id: string) => page.getByTestId(id).getAttribute('data-value');
    expect(stats.depots).toBeGreaterThan(0);
    expect(await value('kpi-depots')).toBe(String(stats.depots));
    expect(await value('kpi-lots')).toBe(String(stats.lots));
    expect(await value('kpi-events')).toBe(String(stats.events));
    expect(await value('kpi-categories')).toBe(String(stats.categories));
    await expect(page.getByTestId('province-table').textContent()).resolves.toContain('湖南');
    await session.screenshot('overview-zh');
  });

  it('switches to English', async () => {
    const { page } = session;
    await page.getByRole('button', { name: /English/ }).click();
    await expect(page.getByTestId('province-table').textContent()).resolves.toContain('Hunan');
    await session.screenshot('overview-en');
  });

  it('keeps working after a reload (token kept for the tab)', async () => {
    const { page } = session;
    await page.reload();
    await page.getByTestId('app-ready').waitFor();
    expect(page.url()).not.toContain('token=');
  });

  it('had no console error and no request leaving 127.0.0.1', () => {
    expect(session.problems).toEqual([]);
  });
});
