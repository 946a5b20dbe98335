import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openChromium, type Session } from './support/browser';
import { freePort, inrs, startHost, startRegionalServer, type RunningHost, type RegionalServerProcess } from './support/processes';

const PLAYLIST = ['national-overview', 'category-reserves', 'alerts-tasks'];
const REGION = '430000';
/** Smallest type allowed on a kiosk wall at 1600×900 (it scales with the display). */
const MIN_KIOSK_FONT_PX = 22;

/** Records every wall the page draws, in order, from the DOM itself (no polling by the test). */
async function recordWalls(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __wallsShown: string[] }).__wallsShown = seen;
    const note = () => {
      const wall = document.querySelector('[data-testid="wall"]')?.getAttribute('data-wall');
      if (wall && seen.at(-1) !== wall) seen.push(wall);
    };
    new MutationObserver(note).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-wall'] });
  });
}

const wallsShown = (page: Page) => page.evaluate(() => (window as unknown as { __wallsShown: string[] }).__wallsShown);

/** Text elements on screen whose computed type is below the kiosk minimum. */
function smallText(page: Page, min: number) {
  return page.evaluate((minPx) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('.app *')) {
      const text = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
      if (!text || el.closest('canvas, .maplibregl-ctrl')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < minPx) out.push(`${el.tagName.toLowerCase()}.${el.className} "${text.slice(0, 30)}" ${size}px`);
    }
    return out;
  }, min);
}



describe('kiosk tab on a seeded replica (browser host)', () => {
  let dir: string;
  let host: RunningHost;
  let session: Session;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inrs-e2e-kiosk-'));
    const file = join(dir, 'replica.db');
    const keyFile = join(dir, 'replica.key');
    inrs(['seed', '--scale', 'tiny', '--out', file, '--key-file', keyFile]);
    host = await startHost(['out/main/browser-host.js', '--replica', file, '--key-file', keyFile, '--data-dir', dir, '--port', '0']);
    session = await openChromium();
    await recordWalls(session.page);
  });

  afterAll(async () => {
    await session?.close();
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rotates through a 3-wall playlist and survives five loops', async () => {
    const { page } = session;
    await page.goto(`${host.url}&kiosk=1&playlist=${PLAYLIST.join(',')}&interval=3&cursor=1`);
    await page.getByTestId('app-ready').waitFor();
    await page.locator('html.kiosk-mode').waitFor({ state: 'attached' });
    // Five whole loops: 15 changes after the first wall, every one in playlist order.
    await page.waitForFunction(() => (window as unknown as { __wallsShown: string[] }).__wallsShown.length >= 16, undefined, { timeout: 150_000 });
    const shown = await wallsShown(page);
    expect(shown.slice(0, 16)).toEqual(Array.from({ length: 16 }, (_, i) => PLAYLIST[i % 3]));
    expect(Number(await page.getByTestId('kiosk').getAttribute('data-loops'))).toBeGreaterThanOrEqual(5);
  }, 180_000);

  it('shows no menus or controls, hides an idle cursor, and no text is small', async () => {
    const { page } = session;
    for (const id of ['wall-tab-national-overview', 'search-open', 'settings-open', 'lang-en']) {
      expect(await page.getByTestId(id).isVisible(), id).toBe(false);
    }
    expect(await page.locator('.filter-bar').count()).toBe(0);
    await page.locator('html.kiosk-cursor-hidden').waitFor({ state: 'attached' });
    await page.mouse.move(200, 200);
    await page.waitForFunction(() => !document.documentElement.classList.contains('kiosk-cursor-hidden'));
    await page.locator('html.kiosk-cursor-hidden').waitFor({ state: 'attached' });
    await page.locator('[data-testid="wall"][data-wall="national-overview"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('province-table').locator('tbody tr').first().waitFor();
    await session.screenshot('kiosk-national-overview');
    expect(await smallText(page, MIN_KIOSK_FONT_PX)).toEqual([]);
    await page.locator('[data-testid="wall"][data-wall="alerts-tasks"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('alerts-title').waitFor();
    expect(await smallText(page, MIN_KIOSK_FONT_PX)).toEqual([]);
    await session.screenshot('kiosk-alerts-tasks');
  }, 120_000);

  it('without kiosk parameters the same host gives a workstation with its controls and the displays panel', async () => {
    const { page } = session;
    await page.goto(`${host.url}&wall=traceability`);
    await page.getByTestId('app-ready').waitFor();
    expect(await page.locator('html.kiosk-mode').count()).toBe(0);
    await page.getByTestId('settings-open').click();
    const settings = page.locator('[data-testid="settings-displays"][data-host="browser"]');
    await settings.waitFor();
    expect(await settings.getByTestId('settings-display').count()).toBe(1);
    expect(await page.getByTestId('settings-display').getAttribute('data-virtual')).toBe('true');
    await expect(page.getByTestId('settings-browser-note').textContent()).resolves.toContain('&wall=alerts-tasks');
    await session.screenshot('kiosk-settings-browser');
    await page.getByTestId('settings-close').click();
    expect(session.problems).toEqual([]);
  });
});

describe('kiosk host (--kiosk) linked to a regional server that goes away', () => {
  let dir: string;
  let server: RegionalServerProcess | undefined;
  let host: RunningHost;
  let session: Session;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inrs-e2e-kiosk-live-'));
    const pki = join(dir, 'pki');
    inrs(['pki', 'init', '--dir', pki]);
    inrs(['pki', 'issue', '--dir', pki, '--kind', 'client', '--region', REGION, '--role', 'wall', '--name', 'hall-wall', '--days', '1', '--out', join(dir, 'client.p12')]);
    inrs(['pki', 'issue', '--dir', pki, '--kind', 'server', '--region', REGION, '--name', 'hunan-1', '--days', '30', '--out', join(dir, 'server.p12')]);
    inrs(['seed', '--scale', 'tiny', '--out', join(dir, 'replica.db'), '--key-file', join(dir, 'replica.key')]);
    inrs(['pki', 'export-trust', '--dir', pki, '--out', join(dir, 'trust')]);
    const port = await freePort();
    server = await startRegionalServer([
      '--region', REGION, '--data', join(dir, 'server'), '--trust', join(dir, 'trust'), '--identity', join(dir, 'server.p12'),
      '--port', String(port), '--seed-scale', 'tiny', '--simulate', '1',
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
      '--sync-config', join(dir, 'sync.json'), '--data-dir', dir, '--port', '0',
      '--kiosk', '--playlist', 'national-overview,category-reserves', '--interval', '3',
    ]);
    session = await openChromium();
  });

  afterAll(async () => {
    await session?.close();
    await host?.stop();
    server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('is a kiosk from the host flag alone, and goes live', async () => {
    const { page } = session;
    await page.goto(host.url);
    await page.getByTestId('app-ready').waitFor();
    await page.locator('html.kiosk-mode').waitFor({ state: 'attached' });
    await page.locator(`[data-testid="link-status-${REGION}"][data-status="live"]`).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('stale-banner').count()).toBe(0);
  });

  it('keeps the wall up with a stale banner when the regional server dies, and keeps rotating', async () => {
    const { page } = session;
    server?.kill('SIGKILL');
    const banner = page.locator(`[data-testid="stale-banner"][data-regions="${REGION}"]`);
    await banner.waitFor({ timeout: 60_000 });
    expect(await banner.textContent()).toMatch(/数据链路中断.*湖南/);
    await page.locator('[data-testid="wall"]').waitFor();
    // A hold (a new critical alert from the simulated movements) is acknowledged on the touch wall.
    if ((await page.getByTestId('kiosk-hold').count()) > 0) await page.getByTestId('kiosk-ack').click();
    const now = await page.getByTestId('wall').getAttribute('data-wall');
    await page.waitForFunction((before) => {
      const wall = document.querySelector('[data-testid="wall"]')?.getAttribute('data-wall');
      return wall !== undefined && wall !== before;
    }, now, { timeout: 30_000 });
    expect(await banner.isVisible()).toBe(true);
    await session.screenshot('kiosk-stale');
    expect(session.problems).toEqual([]);
  }, 120_000);
});

/** A workstation's calls made from the test, over the browser host's bridge (own origin, its token). */
function bridgeClient(hostUrl: string) {
  const url = new URL(hostUrl);
  const socket = new WebSocket(`ws://${url.host}/bridge?token=${url.searchParams.get('token')}`, { headers: { Origin: url.origin } });
  let next = 1;
  const pending = new Map<number, (result: unknown) => void>();
  const listeners = new Set<(name: string, payload: unknown) => void>();
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { kind: string; id?: number; result?: unknown; name?: string; payload?: unknown };
    if (frame.kind === 'result') pending.get(frame.id!)?.(frame.result);
    else for (const l of listeners) l(frame.name!, frame.payload);
  });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    async call<T>(channel: string, request?: unknown): Promise<T> {
      await opened;
      const id = next++;
      const answer = new Promise<unknown>((resolve) => pending.set(id, resolve));
      socket.send(JSON.stringify({ kind: 'call', id, channel, request }));
      const result = (await answer) as { ok: boolean; value?: T; error?: { message: string } };
      if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
      return result.value as T;
    },
    /** Resolves once the region's link is live: checked now, then on every link change the host pushes. */
    async live(region: string, timeoutMs: number): Promise<void> {
      await opened;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`link ${region} not live within ${timeoutMs} ms`)), timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(onEvent);
          resolve();
        };
        const onEvent = (name: string, payload: unknown) => {
          const link = payload as { region: string; status: string };
          if (name === 'sync:link-changed' && link.region === region && link.status === 'live') done();
        };
        listeners.add(onEvent);
        void this.call<{ region: string; status: string }[]>('sync:links').then((links) => {
          if (links.some((l) => l.region === region && l.status === 'live')) done();
        });
      });
    },
    close: () => socket.close(),
  };
}

describe('an emergency switch interrupts a kiosk playlist (two hosts, one regional server)', () => {
  let dir: string;
  let server: RegionalServerProcess | undefined;
  let officer: RunningHost;
  let wall: RunningHost;
  let session: Session;
  let client: ReturnType<typeof bridgeClient>;

  const hostArgs = (name: string, identity: string, port: number) => {
    const sub = join(dir, name);
    mkdirSync(sub);
    inrs(['seed', '--scale', 'tiny', '--out', join(sub, 'replica.db'), '--key-file', join(sub, 'replica.key')]);
    writeFileSync(
      join(sub, 'sync.json'),
      JSON.stringify({
        replica: 'replica.db', keyFile: 'replica.key', identity: join(dir, identity), rootCert: join(dir, 'trust/root.crt'),
        regions: { [REGION]: { urls: [`wss://127.0.0.1:${port}`] } },
      }),
    );
    return ['out/main/browser-host.js', '--replica', join(sub, 'replica.db'), '--key-file', join(sub, 'replica.key'), '--sync-config', join(sub, 'sync.json'), '--data-dir', sub, '--port', '0'];
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inrs-e2e-kiosk-emergency-'));
    const pki = join(dir, 'pki');
    inrs(['pki', 'init', '--dir', pki]);
    inrs(['pki', 'issue', '--dir', pki, '--kind', 'client', '--region', REGION, '--role', 'duty-officer', '--name', 'officer-a', '--days', '1', '--out', join(dir, 'officer.p12')]);
    inrs(['pki', 'issue', '--dir', pki, '--kind', 'client', '--region', REGION, '--role', 'wall', '--name', 'hall-wall', '--days', '1', '--out', join(dir, 'wall.p12')]);
    inrs(['pki', 'issue', '--dir', pki, '--kind', 'server', '--region', REGION, '--name', 'hunan-1', '--days', '30', '--out', join(dir, 'server.p12')]);
    inrs(['pki', 'export-trust', '--dir', pki, '--out', join(dir, 'trust')]);
    const port = await freePort();
    server = await startRegionalServer(['--region', REGION, '--data', join(dir, 'server'), '--trust', join(dir, 'trust'), '--identity', join(dir, 'server.p12'), '--port', String(port), '--seed-scale', 'tiny']);
    officer = await startHost(hostArgs('officer', 'officer.p12', port));
    wall = await startHost([...hostArgs('wall', 'wall.p12', port), '--kiosk', '--playlist', 'national-overview,category-reserves', '--interval', '3']);
    client = bridgeClient(officer.url);
    session = await openChromium();
  });

  afterAll(async () => {
    client?.close();
    await session?.close();
    await officer?.stop();
    await wall?.stop();
    server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the emergency wall with a hold at once when Hunan rises to level IV, and resumes the playlist when it drops', async () => {
    const { page } = session;
    await page.goto(wall.url);
    await page.getByTestId('app-ready').waitFor();
    await page.locator(`[data-testid="link-status-${REGION}"][data-status="live"]`).waitFor({ timeout: 60_000 });
    await page.getByTestId('kiosk').waitFor();
    await client.live(REGION, 60_000);

    const raised = await client.call<{ status: string; reason: string | null }>('emergency:propose', { region: REGION, expectedLevel: 'normal', toLevel: 'IV', plan: '防汛Ⅳ级应急响应', reason: '湘江超警戒水位' });
    expect(raised.status, raised.reason ?? '').toBe('accepted');
    const hold = page.locator(`[data-testid="kiosk-hold"][data-kind="emergency"][data-region="${REGION}"]`);
    await hold.waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="wall"][data-wall="emergency-operations"]').waitFor({ timeout: 30_000 });
    expect(await hold.textContent()).toMatch(/湖南.*Ⅳ级/);
    await session.screenshot('kiosk-emergency-hold');

    const lowered = await client.call<{ status: string; reason: string | null }>('emergency:propose', { region: REGION, expectedLevel: 'IV', toLevel: 'normal', plan: '解除', reason: '水位回落' });
    expect(lowered.status, lowered.reason ?? '').toBe('accepted');
    await hold.waitFor({ state: 'detached', timeout: 30_000 });
    // The level change moves the data-as-of time to now, so a lot that expired since the seed's
    // time may raise a new critical alert, which rightly holds the wall too: acknowledge those.
    const resumed = page.locator('[data-testid="kiosk"][data-held=""]');
    const alertHold = page.locator('[data-testid="kiosk-hold"][data-kind="alert"]');
    for (let i = 0; i < 5; i++) {
      await page.locator('[data-testid="kiosk"][data-held=""], [data-testid="kiosk-hold"][data-kind="alert"]').first().waitFor({ timeout: 30_000 });
      if ((await alertHold.count()) === 0) break;
      await page.getByTestId('kiosk-ack').click();
    }
    await resumed.waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="kiosk-hold"][data-kind="emergency"]').count()).toBe(0);
    await page
      .waitForFunction(() => ['national-overview', 'category-reserves'].includes(document.querySelector('[data-testid="wall"]')?.getAttribute('data-wall') ?? ''), undefined, { timeout: 30_000 })
      .catch(async (err: unknown) => {
        const kiosk = await page.getByTestId('kiosk').evaluate((e) => e.outerHTML.slice(0, 300));
        const shown = await page.getByTestId('wall').getAttribute('data-wall');
        throw new Error(`the playlist did not resume: wall ${shown}, kiosk ${kiosk}: ${String(err)}`);
      });
    expect(session.problems).toEqual([]);
  }, 150_000);
});
