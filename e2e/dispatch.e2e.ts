import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, type Session } from './support/browser';
import { openDemoHost } from './support/demo-host';
import type { RunningHost } from './support/processes';

/** The demo's embedded regional servers: the national commander of the demo is linked to these. */
const LIVE = ['110000', '430000', '510000'];

/**
 * Dispatch in the browser host on the demo: a scenario for Hunan, the recommended plan as a
 * table and as arcs on the map, a quantity edited, the plan issued as signed instructions (one
 * per source region, accepted by the live regions, reported for the others), and the issued
 * instruction back in the instruction list through sync.
 */
describe('dispatch recommendation and signed instructions (browser host, demo)', () => {
  let host: RunningHost;
  let session: Session;

  let close = async () => {};

  beforeAll(async () => {
    ({ host, session, close } = await openDemoHost('inrs-e2e-dispatch-'));
  });

  afterAll(() => close());

  it('recommends a plan for Hunan: a table, its reasons, and arcs on the map', async () => {
    const { page } = session;
    await page.goto(`${host.url}&wall=emergency-operations`);
    await page.getByTestId('app-ready').waitFor();
    for (const region of LIVE) await page.locator(`[data-testid="link-status-${region}"][data-status="live"]`).waitFor({ timeout: 90_000 });

    await page.getByTestId('dispatch-add-region').selectOption('430000');
    await page.getByTestId('dispatch-people-430000').fill('200000');
    await page.getByTestId('dispatch-days').fill('7');
    await page.getByTestId('dispatch-recommend').click();

    await page.locator('[data-testid="dispatch-plan"][data-open="true"]').waitFor({ timeout: 60_000 });
    const table = page.getByTestId('dispatch-plan-table');
    expect(Number(await table.getAttribute('data-count'))).toBeGreaterThan(0);
    expect(await page.getByTestId('dispatch-totals').locator('tbody tr').count()).toBeGreaterThan(0);

    // The arcs of the category on the map, drawn (the map is ready with them in its layers).
    await page.waitForFunction(() => {
      const map = document.querySelector('[data-testid="map"]');
      return map?.getAttribute('data-map-ready') === 'true' && Number(map.getAttribute('data-dispatch-arcs')) > 0;
    }, undefined, { timeout: 60_000 });
    await session.screenshot('dispatch-plan');
    // The legend folded away, so the arcs and their quantities show in the picture of the map.
    await page.locator('[data-testid="map-legend"] > summary').click();
    await page.getByTestId('map').screenshot({ path: join(ARTIFACTS, 'dispatch-arcs.png') });
  });

  it('an edited quantity changes the planned total; too much for the depot is marked and blocks the issue', async () => {
    const { page } = session;
    const row = page.locator('[data-testid="dispatch-plan-table"] tbody tr').first();
    const category = (await row.getAttribute('data-line'))!.split('|')[2]!;
    const input = row.getByTestId('dispatch-quantity');
    const before = Number(await input.inputValue());
    const total = page.locator(`[data-testid="dispatch-totals"] tr[data-category="${category}"] td`).nth(2);
    const totalBefore = Number((await total.textContent())!.replace(/[^\d]/g, ''));

    await input.fill('999999999');
    await expect.poll(() => row.getAttribute('class')).toContain('dispatch-bad');
    expect(await page.getByTestId('dispatch-issue-button').isDisabled()).toBe(true);

    const edited = Math.max(1, before - 1);
    await input.fill(String(edited));
    await expect.poll(async () => Number((await total.textContent())!.replace(/[^\d]/g, ''))).toBe(totalBefore - before + edited);
    expect((await row.getAttribute('class')) ?? '').not.toContain('dispatch-bad');
  });

  it('issues one signed instruction per source region: the live regions accept, the others are reported', async () => {
    const { page } = session;
    // The demo's simulator keeps moving stock meanwhile, and a plan that asks for more than a depot
    // now holds above its floor is refused (rightly): one unit a line leaves room for what it ships.
    const quantities = page.locator('[data-testid="dispatch-plan-table"] [data-testid="dispatch-quantity"]');
    for (let i = 0, n = await quantities.count(); i < n; i++) await quantities.nth(i).fill('1');
    await page.getByTestId('dispatch-issue-button').click();
    await page.getByTestId('dispatch-confirm').waitFor();
    await page.getByTestId('dispatch-confirm-issue').click();
    const results = page.getByTestId('dispatch-results');
    // A command never answered is given up after its envelope's expiry and a margin (75 s): wait past that, so a
    // failure shows each region's outcome (and the host's log) rather than a bare timeout.
    await results.waitFor({ timeout: 100_000 }).catch(async (err: unknown) => {
      const shown = await page.locator('[data-testid="dispatch-plan"] [role="alert"]').allTextContents();
      throw new Error(`no issue results: ${String(err)}\nshown: ${shown.join(' | ')}\nhost log (tail):\n${host.output().split('\n').slice(-40).join('\n')}`);
    });

    const rows = await results.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ region: tr.getAttribute('data-region')!, status: tr.getAttribute('data-status')!, id: tr.getAttribute('data-instruction')!, text: tr.textContent ?? '' })),
    );
    expect(rows.map((r) => r.region)).toContain('430000');
    for (const r of rows) {
      expect(r.id).toMatch(new RegExp(`^DSP-\\d{8}-[0-9A-Z]{6}-${r.region}$`));
      if (LIVE.includes(r.region)) expect(r, `${r.text}\nhost log (tail):\n${host.output().split('\n').slice(-40).join('\n')}`).toMatchObject({ status: 'accepted' });
      else expect(r, r.text).toMatchObject({ status: 'not-sent' });
    }
    await session.screenshot('dispatch-issued');

    // The instruction comes back from the Hunan server through sync into the instruction list.
    const hunan = rows.find((r) => r.region === '430000')!;
    const listed = page.locator(`[data-testid="instruction-table"] tr[data-id="${hunan.id}"]`);
    await listed.waitFor({ timeout: 60_000 });
    expect(await listed.getAttribute('data-level')).toBe('central');
    expect(await listed.getAttribute('data-status')).toBe('issued');
    expect(session.problems).toEqual([]);
  }, 180_000);

  it('closing the plan takes its arcs off the map', async () => {
    const { page } = session;
    await page.getByTestId('dispatch-close').click();
    await page.locator('[data-testid="dispatch-plan"][data-open="false"]').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="map"]')?.getAttribute('data-dispatch-arcs') === '0');
  });
});
