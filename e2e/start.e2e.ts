import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openChromium, type Session } from './support/browser';
import { inrs, startHost, type RunningHost } from './support/processes';

function electronInstalled(): boolean {
  try {
    createRequire(import.meta.url)('electron');
    return true;
  } catch {
    return false;
  }
}

/** `npm start` with nothing configured, on a machine without the Electron binary. */
describe.skipIf(electronInstalled())('npm start without Electron (browser host fallback)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'inrs-start-'));
  let host: RunningHost | undefined;
  let session: Session | undefined;

  afterAll(async () => {
    await session?.close();
    await host?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says so in one line, seeds the demo replica on first run and serves it', async () => {
    host = await startHost(['scripts/start.mjs'], { INRS_DATA_DIR: dataDir, INRS_DEMO_SCALE: 'tiny' });
    const lines = host.output().split('\n');
    expect(lines.filter((l) => l.includes('Electron binary not installed'))).toHaveLength(1);
    expect(host.output()).toMatch(/seeding \[/);

    const replica = join(dataDir, 'demo-replica.db');
    const keyFile = join(dataDir, 'demo-replica.key');
    expect(existsSync(replica)).toBe(true);
    expect(existsSync(`${replica}.partial`)).toBe(false);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const stats = JSON.parse(inrs(['replica', 'stats', '--replica', replica, '--key-file', keyFile, '--json'])) as { depots: number };

    session = await openChromium();
    await session.page.goto(host.url);
    await session.page.getByTestId('app-ready').waitFor();
    expect(await session.page.getByTestId('kpi-depots').getAttribute('data-value')).toBe(String(stats.depots));
    expect(session.problems).toEqual([]);
  });

  it('a second start opens the existing demo replica without seeding again', async () => {
    await host?.stop();
    host = await startHost(['scripts/start.mjs'], { INRS_DATA_DIR: dataDir, INRS_DEMO_SCALE: 'tiny' });
    expect(host.output()).not.toMatch(/seeding \[/);
  });
});
