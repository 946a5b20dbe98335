import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChromium, type Session } from './support/browser';
import { waitForMapReady } from './support/map-view';
import { freePort, inrs, startHost, startRegionalServer, type RunningHost, type RegionalServerProcess } from './support/processes';

const REGION = '430000';
const PLAN = '湖南省防汛Ⅱ级应急预案';
const BANNER_II = `[data-testid="emergency-level-${REGION}"][data-level="II"]`;



/**
 * Notes, in the page itself, the moment an element matching `selector` first exists (a
 * MutationObserver runs right after the DOM changes), so a busy test runner does not skew it.
 */
async function markWhenShown(page: Page, selector: string): Promise<() => Promise<number>> {
  const key = `shown:${selector}`;
  await page.evaluate(
    ({ selector, key }) => {
      const marks = ((window as unknown as { marks?: Record<string, number> }).marks ??= {});
      const check = () => {
        if (marks[key] === undefined && document.querySelector(selector)) marks[key] = Date.now();
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true });
      check();
    },
    { selector, key },
  );
  return async () => {
    const at = await page.waitForFunction((key) => (window as unknown as { marks: Record<string, number> }).marks[key], key, { timeout: 30_000 });
    return Number(await at.jsonValue());
  };
}

interface Screen {
  name: string;
  host: RunningHost;
  session: Session;
}

/** Opens a host's page on a wall and waits until it shows data and its region's link is live. */
async function open(screen: Screen, wall: string): Promise<Page> {
  const { page } = screen.session;
  const url = new URL(screen.host.url);
  url.searchParams.set('wall', wall);
  await page.goto(url.toString());
  await page.getByTestId('app-ready').waitFor({ timeout: 60_000 });
  await page.locator(`[data-testid="link-status-${REGION}"][data-status="live"]`).waitFor({ timeout: 60_000 });
  return page;
}

describe('emergency mode with two officers and a wall, against a regional server', () => {
  let dir: string;
  let server: RegionalServerProcess | undefined;
  const screens: Screen[] = [];
  const screen = (name: string) => {
    const found = screens.find((s) => s.name === name);
    if (!found) throw new Error(`no screen ${name}`);
    return found;
  };

  /** The dispatch plan a host keeps beside its replica ('' while it has none). */
  const readPlanFile = (s: Screen): string => {
    const file = join(dir, s.name, 'dispatch-plan.json');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inrs-emergency-'));
    const pki = join(dir, 'pki');
    inrs(['pki', 'init', '--dir', pki]);
    inrs(['pki', 'issue', '--dir', pki, '--kind', 'server', '--region', REGION, '--name', 'hunan-1', '--days', '30', '--out', join(dir, 'server.p12')]);
    const people = [
      { name: 'officer-a', role: 'duty-officer', cn: '值班员甲' },
      { name: 'officer-b', role: 'duty-officer', cn: '值班员乙' },
      { name: 'wall', role: 'wall', cn: '湖南态势墙' },
    ];
    for (const p of people) {
      inrs(['pki', 'issue', '--dir', pki, '--kind', 'client', '--region', REGION, '--role', p.role, '--name', p.cn, '--days', '1', '--out', join(dir, `${p.name}.p12`)]);
    }
    inrs(['seed', '--scale', 'tiny', '--out', join(dir, 'seed.db'), '--key-file', join(dir, 'seed.key')]);
    inrs(['pki', 'export-trust', '--dir', pki, '--out', join(dir, 'trust')]);
    const port = await freePort();
    server = await startRegionalServer([
      '--region', REGION, '--data', join(dir, 'server'), '--trust', join(dir, 'trust'), '--identity', join(dir, 'server.p12'),
      '--port', String(port), '--seed-scale', 'tiny',
    ]);
    // Three hosts, each with its own data dir, replica (a copy of the same seed) and identity.
    const hosts = await Promise.all(
      people.map(async (p) => {
        const data = join(dir, p.name);
        mkdirSync(data);
        copyFileSync(join(dir, 'seed.db'), join(data, 'replica.db'));
        copyFileSync(join(dir, 'seed.key'), join(data, 'replica.key'));
        writeFileSync(
          join(data, 'sync.json'),
          JSON.stringify({
            replica: 'replica.db', keyFile: 'replica.key', identity: `../${p.name}.p12`, passphraseFile: `../${p.name}.passphrase`, rootCert: '../trust/root.crt',
            clientId: p.name, regions: { [REGION]: { urls: [`wss://127.0.0.1:${port}`] } },
          }),
        );
        const host = await startHost([
          'out/main/browser-host.js', '--replica', join(data, 'replica.db'), '--key-file', join(data, 'replica.key'),
          '--sync-config', join(data, 'sync.json'), '--data-dir', data, '--port', '0',
        ]);
        return { name: p.name, host };
      }),
    );
    for (const h of hosts) screens.push({ ...h, session: await openChromium() });
  });

  afterAll(async () => {
    for (const s of screens) {
      await s.session.close();
      await s.host.stop();
    }
    server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('A proposes level II, B sees the countdown and co-signs, and every screen shows the level-II banner', async () => {
    const [a, b, wall] = await Promise.all([open(screen('officer-a'), 'emergency-operations'), open(screen('officer-b'), 'emergency-operations'), open(screen('wall'), 'national-overview')]);
    await a.locator('[data-testid="officer-identity"][data-role="duty-officer"]').waitFor();
    await b.locator('[data-testid="officer-identity"][data-role="duty-officer"]').waitFor();
    expect(await a.getByTestId('emergency-banner').count()).toBe(0);
    await expect(a.getByTestId('propose-current').getAttribute('data-level')).resolves.toBe('normal');

    // Officer A proposes level II: it waits for a second officer.
    await a.getByTestId('propose-region').selectOption(REGION);
    await a.getByTestId('propose-level').selectOption('II');
    await a.getByTestId('propose-plan').fill(PLAN);
    await a.getByTestId('propose-reason').fill('洞庭湖城陵矶站水位超警戒 1.2 米，持续上涨');
    await a.getByTestId('propose-submit').click();
    await a.locator('[data-testid="command-status-propose"][data-status="accepted"]').waitFor({ timeout: 30_000 });
    await screen('officer-a').session.screenshot('emergency-proposed');

    // Officer B sees it pending, with a countdown that runs.
    const pendingB = b.locator(`[data-testid="proposal"][data-region="${REGION}"][data-status="pending"]`);
    await pendingB.waitFor({ timeout: 30_000 });
    const countdown = pendingB.getByTestId('proposal-countdown');
    const first = Number(await countdown.getAttribute('data-ms'));
    expect(first).toBeGreaterThan(9 * 60_000);
    expect(first).toBeLessThanOrEqual(10 * 60_000);
    expect(await countdown.textContent()).toMatch(/\d+:\d{2}/);
    await b.waitForFunction(
      (before) => Number(document.querySelector('[data-testid="proposal"][data-status="pending"] [data-testid="proposal-countdown"]')?.getAttribute('data-ms')) < before,
      first,
      { timeout: 10_000 },
    );
    await screen('officer-b').session.screenshot('emergency-pending-countdown');

    // A cannot co-sign its own proposal: the server's reason is shown.
    const pendingA = a.locator(`[data-testid="proposal"][data-region="${REGION}"][data-status="pending"]`);
    await pendingA.waitFor({ timeout: 30_000 });
    await pendingA.getByTestId('proposal-cosign').click();
    const refusal = pendingA.locator('[data-testid="command-status-cosign"][data-status="refused"]');
    await refusal.waitFor({ timeout: 30_000 });
    await expect(refusal.getAttribute('data-code')).resolves.toBe('same-officer');
    expect(await refusal.textContent()).toContain('a second, different officer must co-sign it');
    expect(await a.getByTestId('emergency-banner').count()).toBe(0);
    await screen('officer-a').session.screenshot('emergency-self-cosign-refused');

    // B co-signs: level II on every screen, timed from B's confirmation on B's screen.
    const pages = [
      { name: 'officer A', page: a },
      { name: 'officer B', page: b },
      { name: 'wall', page: wall },
    ];
    const banners = await Promise.all(pages.map(async ({ name, page }) => ({ name, shown: await markWhenShown(page, BANNER_II) })));
    const accepted = await markWhenShown(b, '[data-testid="command-status-cosign"][data-status="accepted"]');
    const clicked = await b.evaluate(() => Date.now());
    await pendingB.getByTestId('proposal-cosign').click();
    const confirmed = await accepted();
    expect(confirmed).toBeGreaterThanOrEqual(clicked);
    for (const { name, shown } of banners) {
      const at = await shown();
      expect(Number.isFinite(at)).toBe(true);
      process.stdout.write(`level-II banner on ${name}: ${at - confirmed} ms after B's screen showed the co-signature accepted (${at - clicked} ms after the click)\n`);
    }

    for (const page of [a, b, wall]) {
      const banner = page.locator(BANNER_II);
      const text = (await banner.textContent()) ?? '';
      expect(text).toContain(PLAN);
      expect(text).toContain('值班员甲');
      expect(text).toContain('值班员乙');
      expect(text).toMatch(/Ⅱ级/);
      // A new switch brings up the emergency-operations wall focused on the region.
      await page.locator('[data-testid="wall"][data-wall="emergency-operations"]').waitFor({ timeout: 10_000 });
    }
    await b.locator(`[data-testid="proposal"][data-id] >> nth=0`).waitFor();
    await expect(b.locator('[data-testid="proposal"]').first().getAttribute('data-status')).resolves.toBe('confirmed');
    await expect(wall.locator('[data-testid="officer-identity"]').getAttribute('data-role')).resolves.toBe('wall');
    expect(await wall.getByTestId('propose-form').count()).toBe(0);
    expect(await wall.getByTestId('proposal-cosign').count()).toBe(0);
    await screen('wall').session.screenshot('emergency-wall-level-ii');
    await screen('officer-a').session.screenshot('emergency-officer-a-level-ii');
    // At level II, with live sync running, the officer's overview map still settles and is drawn.
    await a.getByTestId('wall-tab-national-overview').click();
    await waitForMapReady(a, 120_000);

    for (const s of screens) expect(s.session.problems, s.name).toEqual([]);
  });

  it('the switch brings a dispatch recommendation at once, which B issues as a signed instruction', async () => {
    const b = screen('officer-b').session.page;
    // Recommended without anyone asking: the provinces in emergency are the scenario.
    await b.locator('[data-testid="dispatch-plan"][data-open="true"]').waitFor({ timeout: 90_000 });
    expect(Number(await b.getByTestId('dispatch-plan-table').getAttribute('data-count'))).toBeGreaterThan(0);
    await expect(b.getByTestId('dispatch-regions').locator(`tr[data-region="${REGION}"]`).count()).resolves.toBe(1);
    // A wall only watches: no plan is worked out there.
    await expect(screen('wall').session.page.locator('[data-testid="dispatch-plan"][data-open="true"]').count()).resolves.toBe(0);

    // The plan is state: edited, then the page reloaded while the level is still II, it comes back with the edit.
    const firstLine = b.locator('[data-testid="dispatch-plan-table"] tbody tr').first();
    const line = await firstLine.getAttribute('data-line');
    const quantity = firstLine.getByTestId('dispatch-quantity');
    const edited = String(Math.max(1, Number(await quantity.inputValue()) - 1));
    await quantity.fill(edited);
    const count = await b.getByTestId('dispatch-plan-table').getAttribute('data-count');
    await expect.poll(() => readPlanFile(screen('officer-b')), { timeout: 10_000 }).toContain(`"text":"${edited}"`);
    await open(screen('officer-b'), 'emergency-operations');
    await b.locator('[data-testid="dispatch-plan"][data-open="true"]').waitFor({ timeout: 30_000 });
    await expect(b.getByTestId('dispatch-plan-table').getAttribute('data-count')).resolves.toBe(count);
    await expect(b.locator(`[data-testid="dispatch-plan-table"] tbody tr[data-line="${line}"]`).getByTestId('dispatch-quantity').inputValue()).resolves.toBe(edited);

    await b.getByTestId('dispatch-issue-button').click();
    await b.getByTestId('dispatch-confirm').waitFor();
    await b.getByTestId('dispatch-confirm-issue').click();
    const results = b.getByTestId('dispatch-results');
    await results.waitFor({ timeout: 100_000 });
    const hunan = results.locator(`tbody tr[data-region="${REGION}"]`);
    await expect(hunan.getAttribute('data-status')).resolves.toBe('accepted');
    const id = await hunan.getAttribute('data-instruction');
    expect(id).toMatch(new RegExp(`^DSP-\\d{8}-[0-9A-Z]{6}-${REGION}$`));
    // Issued by a provincial officer, it comes back through sync as a province-level instruction.
    const listed = b.locator(`[data-testid="instruction-table"] tr[data-id="${id}"]`);
    await listed.waitFor({ timeout: 60_000 });
    expect(await listed.getAttribute('data-level')).toBe('province');
    await screen('officer-b').session.screenshot('emergency-dispatch-issued');
    // Issued, the plan is no longer kept: a reload does not bring it back.
    expect(readPlanFile(screen('officer-b'))).not.toContain(`"key":"${line}"`);
    for (const s of screens) expect(s.session.problems, s.name).toEqual([]);
  }, 240_000);
});
