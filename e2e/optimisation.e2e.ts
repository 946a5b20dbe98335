import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNPLANNED_CODES } from '../src/shared/domain/unplanned-reason';
import type { Session } from './support/browser';
import { openDemoHost } from './support/demo-host';
import type { RunningHost } from './support/processes';

/** The demo's embedded regional servers the national commander is linked to. */
const LIVE = ['110000', '430000', '510000'];

/**
 * The optimisation wall on the tiny demo in the browser host: the national rotation calendar
 * (solved on the host, off its thread), the layout proposal against today's sites on the map
 * with its coverage table, the cost chart and the sizing table; then the rotation lots of a live
 * region selected, issued as signed rotation instructions, accepted, and back in the instruction
 * list through sync.
 */
describe('optimisation wall (browser host, tiny demo)', () => {
  let host: RunningHost;
  let session: Session;
  let close = async () => {};

  beforeAll(async () => {
    ({ host, session, close } = await openDemoHost('inrs-e2e-optimisation-'));
    await session.page.setViewportSize({ width: 1920, height: 1080 });
  });

  afterAll(() => close());

  it('shows a rotation calendar that keeps every floor and a layout before/after on the map', async () => {
    const { page } = session;
    await page.goto(`${host.url}&wall=optimisation`);
    await page.getByTestId('app-ready').waitFor();
    await page.locator('[data-testid="wall"][data-wall="optimisation"]').waitFor();

    await page.locator('[data-testid="optim-rotation"][data-status="done"]').waitFor({ timeout: 120_000 });
    const calendar = page.getByTestId('rotation-calendar');
    expect(Number(await calendar.getAttribute('data-rotations'))).toBeGreaterThan(0);
    expect(await page.getByTestId('rotation-cell').count()).toBeGreaterThan(0);
    // Depots by name, never by code, in the calendar's first column.
    const names = await calendar.locator('tbody th').allTextContents();
    for (const n of names) expect(n).not.toMatch(/^\d{6}-D\d+$/);
    // Hover text: quantity per category and the floor kept.
    const title = (await page.getByTestId('rotation-cell').first().getAttribute('title')) ?? '';
    expect(title).toMatch(/≥|低于/);
    // Lots that cannot be planned: why, in the officer's language first, the planner's figures after.
    const unplanned = page.locator('[data-testid="rotation-unplanned"] li');
    if ((await unplanned.count()) > 0) {
      await page.locator('[data-testid="rotation-unplanned"] > summary').click();
      expect(UNPLANNED_CODES).toContain(await unplanned.first().getAttribute('data-code'));
      expect(await unplanned.first().textContent()).toMatch(/安全线|作业能力|最迟销售月|储存能力/);
      await page.locator('[data-testid="rotation-unplanned"] > summary').click();
    }

    await page.locator('[data-testid="optim-layout"][data-status="optimal"]').waitFor({ timeout: 180_000 });
    const rows = await page.locator('[data-testid="layout-table"] tbody tr[data-hours]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-hours')));
    expect(rows).toEqual(['4', '8', '12']);
    await page.waitForFunction(() => {
      const map = document.querySelector('[data-testid="optim-layout"] [data-testid="map"]');
      return map?.getAttribute('data-map-ready') === 'true' && Number(map.getAttribute('data-overlay-count')) > 0;
    }, undefined, { timeout: 120_000 });
    const sites = page.getByTestId('layout-sites');
    expect(Number(await sites.getAttribute('data-keep')) + Number(await sites.getAttribute('data-open'))).toBeGreaterThan(0);
    // The demo's national proposal moves sites to where people are farthest from reserves today.
    expect(Number(await sites.getAttribute('data-open'))).toBeGreaterThan(0);

    await page.locator('[data-testid="cost-chart"] canvas').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="cost-table"] tbody tr').count()).toBeGreaterThan(0);
    // By region: provinces by name.
    await page.getByTestId('cost-by').selectOption('region');
    const regions = await page.locator('[data-testid="cost-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-key'), tr.querySelector('th')?.textContent ?? '']));
    expect(regions.length).toBeGreaterThan(1);
    for (const [code, name] of regions) {
      expect(code).toMatch(/^\d{6}$/);
      expect(name).not.toBe(code);
    }
    await page.getByTestId('cost-by').selectOption('category');
    expect(await page.locator('[data-testid="sizing-table"] tbody tr').count()).toBeGreaterThan(0);
    await session.screenshot('optimisation-wall');
  }, 400_000);

  it('scoped to Hunan: the calendar holds only Hunan\'s depots and the layout weighs every Hunan city as a site', async () => {
    const { page } = session;
    const plannedAt = await page.getByTestId('rotation-summary').getAttribute('title');
    await page.getByTestId('optim-scope').selectOption('430000');
    await page.waitForFunction(
      (before) => {
        const panel = document.querySelector('[data-testid="optim-rotation"]');
        return panel?.getAttribute('data-status') === 'done' && document.querySelector('[data-testid="rotation-summary"]')?.getAttribute('title') !== before;
      },
      plannedAt,
      { timeout: 120_000 },
    );
    const depots = await page.locator('[data-testid="rotation-calendar"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-depot') ?? ''));
    expect(depots.length).toBeGreaterThan(0);
    for (const d of depots) expect(d).toMatch(/^43/);
    await page.locator('[data-testid="optim-layout"][data-status="optimal"]').waitFor({ timeout: 180_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="optim-layout"] .panel-title')?.textContent?.includes('湖南'), undefined, { timeout: 30_000 });
    // The cost structure and the sizing hint follow the scope.
    await page.waitForFunction(() => document.querySelector('[data-testid="optim-sizing"] .panel-title')?.textContent?.includes('湖南'), undefined, { timeout: 30_000 });
    await page.locator('[data-testid="cost-chart"] canvas').waitFor({ timeout: 60_000 });
    await session.screenshot('optimisation-hunan');
  }, 400_000);

  it('issues the lots of a live region as signed rotation instructions that come back in the instruction list', async () => {
    const { page } = session;
    for (const region of LIVE) await page.locator(`[data-testid="link-status-${region}"][data-status="live"]`).waitFor({ timeout: 90_000 });
    // The cells of the first calendar depot in a live region.
    const row = page.locator('[data-testid="rotation-calendar"] tbody tr').filter({ has: page.locator('[data-testid="rotation-cell"]') });
    const depots = await row.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-depot') ?? ''));
    const depot = depots.find((d) => LIVE.some((r) => d.startsWith(r.slice(0, 2))));
    expect(depot, `a calendar depot in ${LIVE.join(', ')}: ${depots.join(', ')}`).toBeTruthy();
    const cells = page.locator(`[data-testid="rotation-calendar"] tr[data-depot="${depot}"] [data-testid="rotation-cell"]`);
    for (let i = 0; i < (await cells.count()); i++) await cells.nth(i).click();
    expect(Number(await page.getByTestId('rotation-selected').getAttribute('data-rows'))).toBeGreaterThan(0);

    await page.getByTestId('rotation-issue-button').click();
    await page.getByTestId('rotation-confirm').waitFor();
    await page.getByTestId('rotation-confirm-issue').click();
    const results = page.getByTestId('rotation-results');
    await results.waitFor({ timeout: 100_000 }).catch((err: unknown) => {
      throw new Error(`no issue results: ${String(err)}\nhost log (tail):\n${host.output().split('\n').slice(-40).join('\n')}`);
    });
    const issued = await results.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({ region: tr.getAttribute('data-region')!, status: tr.getAttribute('data-status')!, id: tr.getAttribute('data-instruction')!, text: tr.textContent ?? '' })));
    expect(issued.length).toBeGreaterThan(0);
    for (const r of issued) {
      expect(r.id).toMatch(new RegExp(`^ROT-\\d{6}-\\d{8}-[0-9A-Z]{6}-${r.region}$`));
      expect(r, `${r.text}\nhost log (tail):\n${host.output().split('\n').slice(-40).join('\n')}`).toMatchObject({ status: 'accepted' });
    }
    // What went through is no longer selected.
    expect(await page.getByTestId('rotation-selected').getAttribute('data-rows')).toBe('0');

    // The instruction comes back from the region's server through sync into the instruction list.
    const first = issued[0]!;
    const listed = page.locator(`[data-testid="instruction-table"] tr[data-id="${first.id}"]`);
    await listed.waitFor({ state: 'attached', timeout: 60_000 });
    expect(await listed.getAttribute('data-level')).toBe('central');
    expect(await listed.getAttribute('data-status')).toBe('issued');
    await session.screenshot('optimisation-issued');
    expect(session.problems).toEqual([]);
  }, 300_000);
});
