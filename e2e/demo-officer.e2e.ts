import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChromium, type Session } from './support/browser';
import { startHost, type RunningHost } from './support/processes';

const REGION = '430000';
const PLAN = '湖南省防汛Ⅱ级应急预案';
const BANNER_II = `[data-testid="emergency-level-${REGION}"][data-level="II"]`;

interface Screen {
  host: RunningHost;
  session: Session;
}

/** Opens a host's emergency-operations wall and waits until it shows data and Hunan's link is live. */
async function open(screen: Screen): Promise<Page> {
  const { page } = screen.session;
  const url = new URL(screen.host.url);
  url.searchParams.set('wall', 'emergency-operations');
  await page.goto(url.toString());
  await page.getByTestId('app-ready').waitFor({ timeout: 60_000 });
  await page.locator(`[data-testid="link-status-${REGION}"][data-status="live"]`).waitFor({ timeout: 60_000 });
  return page;
}

/** `npm start` and `npm start -- --demo-officer` on one data dir: the two-person rule on one machine. */
describe('the demo with a second officer, two browser hosts', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'inrs-demo-officer-'));
  const screens: Screen[] = [];
  const hosts: RunningHost[] = [];

  beforeAll(async () => {
    // Before the demo runs there is nothing to join, and the officer says what to do.
    await expect(startHost(['out/main/browser-host.js', '--demo-officer', '--data-dir', dataDir], {}, 60_000)).rejects.toThrow(
      /browser host failed: no demo is running on .*: start the demo first with npm start/,
    );
    hosts.push(await startHost(['out/main/browser-host.js', '--data-dir', dataDir, '--demo-scale', 'tiny', '--port', '0']));
    // No --port: the second officer takes a free one beside the demo's own host.
    hosts.push(await startHost(['out/main/browser-host.js', '--demo-officer', '--data-dir', dataDir]));
    for (const host of hosts) screens.push({ host, session: await openChromium() });
  });

  afterAll(async () => {
    for (const s of screens) await s.session.close();
    for (const h of [...hosts].reverse()) await h.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the demo tells how to open the second officer; the officer says who is signed in on its own address', () => {
    const [demo, officer] = hosts as [RunningHost, RunningHost];
    expect(demo.output()).toContain(`Second officer (two-person rule): npm start -- --demo-officer --data-dir ${dataDir}`);
    expect(officer.output()).toContain('Second officer: signed in as demo-officer-hunan (duty-officer, region 430000)');
    expect(new URL(officer.url).port).not.toBe(new URL(demo.url).port);
  });

  it('the commander proposes level II for Hunan, the officer co-signs it, and both screens show the banner', async () => {
    const [commanderScreen, officerScreen] = screens as [Screen, Screen];
    const [commander, officer] = await Promise.all([open(commanderScreen), open(officerScreen)]);
    await commander.locator('[data-testid="officer-identity"][data-role="national-commander"]').waitFor();
    await officer.locator('[data-testid="officer-identity"][data-role="duty-officer"]').waitFor();
    expect(await officer.getByTestId('officer-identity').textContent()).toContain('demo-officer-hunan');

    await commander.getByTestId('propose-region').selectOption(REGION);
    await commander.getByTestId('propose-level').selectOption('II');
    await commander.getByTestId('propose-plan').fill(PLAN);
    await commander.getByTestId('propose-reason').fill('洞庭湖城陵矶站水位超警戒 1.2 米，持续上涨');
    await commander.getByTestId('propose-submit').click();
    await commander.locator('[data-testid="command-status-propose"][data-status="accepted"]').waitFor({ timeout: 30_000 });

    const pending = officer.locator(`[data-testid="proposal"][data-region="${REGION}"][data-status="pending"]`);
    await pending.waitFor({ timeout: 30_000 });
    await pending.getByTestId('proposal-cosign').click();
    await officer.locator('[data-testid="command-status-cosign"][data-status="accepted"]').waitFor({ timeout: 30_000 });

    for (const page of [commander, officer]) {
      const banner = page.locator(BANNER_II);
      await banner.waitFor({ timeout: 60_000 });
      const text = (await banner.textContent()) ?? '';
      expect(text).toContain(PLAN);
      expect(text).toContain('demo-commander');
      expect(text).toContain('demo-officer-hunan');
    }
    await officerScreen.session.screenshot('demo-officer-level-ii');
    for (const s of screens) expect(s.session.problems).toEqual([]);
  }, 180_000);
});
