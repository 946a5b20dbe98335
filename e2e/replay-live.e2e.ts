import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoHost, type DemoHost } from './support/demo-host';

/*
 * The time slider on the tiny demo with its embedded regional servers syncing live movements:
 * once the index is built the slider stays (live events never bring "building" back), a seek
 * made during live sync shows the past moment, panels that cannot replay say "live data", a seek
 * can be cancelled, and "back to live" is there at every step.
 */
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
/** Panels drawn from the replayed situation; every other panel must carry the live mark in replay. */
const REPLAYED = new Set(['map', 'kpi-strip', 'province-table', 'depot-table', 'class-cover-chart', 'province-floor-chart', 'alert-list', 'transfer-list']);

async function slideTo(page: Page, ms: number): Promise<void> {
  await page.getByTestId('replay-slider').evaluate((el, value) => {
    const input = el as HTMLInputElement;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, String(value));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, ms);
}

/** Each panel of the wall on screen: its kind and whether it carries the live-data mark. */
const panelsOf = (page: Page) =>
  page.locator('[data-testid="wall"] .wall-panel').evaluateAll((areas) =>
    areas.map((a) => ({ kind: a.getAttribute('data-panel') ?? '', live: a.querySelector(':scope > [data-testid="live-mark"]') !== null })),
  );

describe('time slider during live sync (browser host, tiny demo with embedded live servers)', () => {
  let demo: DemoHost;

  beforeAll(async () => {
    demo = await openDemoHost('inrs-e2e-replay-live-');
  }, 200_000);

  afterAll(async () => {
    await demo?.close();
  });

  it('keeps the slider once built while live events arrive, seeks during sync, marks live panels, cancels, and returns to live', async () => {
    const { page } = demo.session;
    await page.goto(demo.host.url);
    await page.getByTestId('app-ready').waitFor();
    const slider = page.getByTestId('replay-slider');
    await slider.waitFor({ timeout: 120_000 });

    // From here on, count every time "building" is put on screen.
    await page.evaluate(() => {
      const w = window as unknown as { buildingShown: number };
      w.buildingShown = document.querySelector('[data-testid="replay-building"]') ? 1 : 0;
      new MutationObserver((records) => {
        for (const r of records)
          for (const n of r.addedNodes) if (n instanceof Element && (n.matches('[data-testid="replay-building"]') || n.querySelector('[data-testid="replay-building"]'))) w.buildingShown++;
      }).observe(document.body, { childList: true, subtree: true });
    });

    // Live events arrive: the slider's live end moves on.
    const firstMax = Number(await slider.getAttribute('max'));
    await page.waitForFunction(
      (m) => Number(document.querySelector('[data-testid="replay-slider"]')?.getAttribute('max')) > m,
      firstMax,
      { timeout: 90_000 },
    );

    // A seek ten days back, while the servers keep appending.
    await page.getByTestId('wall-tab-alerts-tasks').click();
    const max = Number(await slider.getAttribute('max'));
    const at = Math.floor((max - 10 * DAY) / 1000) * 1000;
    await slideTo(page, at);
    await page.locator(`[data-testid="replay-marker"][data-loaded-at="${iso(at)}"]`).waitFor({ timeout: 30_000 });
    await page.getByTestId('replay-marker-live').waitFor();
    expect(await page.getByTestId('replay-live').isEnabled()).toBe(true);

    // Replayed panels plain, the others marked live; the same on the region wall (trend chart).
    for (const wall of ['alerts-tasks', 'region-focus']) {
      await page.getByTestId(`wall-tab-${wall}`).click();
      const panels = await panelsOf(page);
      expect(panels.length, wall).toBeGreaterThan(0);
      for (const p of panels) expect(p.live, `${wall}: ${p.kind}`).toBe(!REPLAYED.has(p.kind));
    }
    expect((await panelsOf(page)).some((p) => p.live)).toBe(true);
    await demo.session.screenshot('replay-live-marked');

    // A seek cancelled as soon as its progress shows: the moment on screen stays the one before.
    await page.getByTestId('wall-tab-alerts-tasks').click();
    const other = at - 5 * DAY;
    const cancelled = await page.evaluate(async (ms) => {
      const input = document.querySelector('[data-testid="replay-slider"]') as HTMLInputElement;
      const clicked = new Promise<boolean>((resolve) => {
        const observer = new MutationObserver(() => {
          const cancel = document.querySelector('[data-testid="replay-cancel"]') as HTMLButtonElement | null;
          if (!cancel) return;
          observer.disconnect();
          cancel.click();
          resolve(true);
        });
        observer.observe(document.body, { childList: true, subtree: true });
        setTimeout(() => resolve(false), 10_000);
      });
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, String(ms));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      return clicked;
    }, other);
    expect(cancelled).toBe(true);
    await page.getByTestId('replay-seeking').waitFor({ state: 'detached' });
    expect(await page.getByTestId('replay-at').getAttribute('data-value')).toBe(iso(at));
    expect(await page.getByTestId('replay-marker').getAttribute('data-loaded-at')).toBe(iso(at));

    // Back to live from the marker; the live end keeps moving and "building" never came back.
    await page.getByTestId('replay-marker-live').click();
    await page.getByTestId('replay-marker').waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="live-mark"]').count()).toBe(0);
    const liveMax = Number(await slider.getAttribute('max'));
    await page.waitForFunction(
      (m) => Number(document.querySelector('[data-testid="replay-slider"]')?.getAttribute('max')) > m,
      liveMax,
      { timeout: 90_000 },
    );
    expect(await page.evaluate(() => (window as unknown as { buildingShown: number }).buildingShown)).toBe(0);
    expect(demo.session.problems).toEqual([]);
  }, 400_000);
});
