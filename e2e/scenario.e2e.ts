import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/browser';
import { openDemoHost } from './support/demo-host';
import type { RunningHost } from './support/processes';

/** A flood over Hunan and a typhoon warning around Wuhan, as an agency would send them. */
const hazard = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      id: 'FL-2026-07',
      geometry: { type: 'Polygon', coordinates: [[[111.5, 27.5], [113.5, 27.5], [113.5, 29.5], [111.5, 29.5], [111.5, 27.5]]] },
      properties: { hazardType: 'flood', level: 'orange', validFrom: '2026-07-10T08:00:00+08:00', validTo: '2026-07-14T08:00:00+08:00' },
    },
    {
      type: 'Feature',
      id: 'TY-2026-05',
      geometry: { type: 'Point', coordinates: [114.3, 30.6] },
      properties: { hazardType: 'typhoon', level: 'red', radiusKm: 40, validFrom: '2026-07-11T08:00:00+08:00', validTo: '2026-07-12T08:00:00+08:00' },
    },
  ],
};
const AFFECTED = ['420000', '430000'];

/**
 * Hazard import and scenario simulation on the tiny demo in the browser host: a malformed warning
 * file refused by name and changing nothing; a good one shown on the map with its provinces and
 * people; its pre-filled two-plan scenario run in the host's simulation worker and compared; a day
 * shown on the map; the plan limited to the affected provinces turned into a dispatch
 * recommendation that draws only on their depots.
 */
describe('scenario wall (browser host, tiny demo)', () => {
  let host: RunningHost;
  let session: Session;
  let close = async () => {};
  const files = mkdtempSync(join(tmpdir(), 'inrs-e2e-hazard-'));
  const good = join(files, 'flood.geojson');
  const bad = join(files, 'bad-level.geojson');

  beforeAll(async () => {
    writeFileSync(good, JSON.stringify(hazard));
    const broken = structuredClone(hazard);
    (broken.features[1]!.properties as Record<string, unknown>).level = 'purple';
    writeFileSync(bad, JSON.stringify(broken));
    ({ host, session, close } = await openDemoHost('inrs-e2e-scenario-'));
    await session.page.setViewportSize({ width: 1920, height: 1080 });
  });

  afterAll(async () => {
    await close();
    rmSync(files, { recursive: true, force: true });
  });

  it('imports a hazard file, runs a two-plan scenario, compares, and turns a plan into a dispatch recommendation', async () => {
    const { page } = session;
    await page.goto(`${host.url}&wall=scenario`);
    await page.getByTestId('app-ready').waitFor();
    await page.locator('[data-testid="wall"][data-wall="scenario"]').waitFor();

    // A malformed file: the feature and the rule by name, in the officer's language, and nothing imported.
    await page.getByTestId('hazard-file').setInputFiles(bad);
    const error = page.getByTestId('hazard-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('bad-level.geojson 中有预警区不符合格式：features[1] (id "TY-2026-05").properties.level: must be one of blue, yellow, orange, red');
    expect(await page.getByTestId('hazard-panel').getAttribute('data-regions')).toBe('');
    expect(await page.getByTestId('scenario-editor').getAttribute('data-state')).toBe('empty');

    // The good one: its provinces and people, its areas on the map by level.
    await page.getByTestId('hazard-file').setInputFiles(good);
    await page.locator('[data-testid="hazard-panel"][data-regions="420000,430000"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('hazard-error').count()).toBe(0);
    const people = await page.locator('[data-testid="hazard-regions"] tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-population'))));
    expect(people.every((n) => n > 0)).toBe(true);
    expect(Number(await page.getByTestId('hazard-summary').getAttribute('data-population'))).toBe(people.reduce((a, b) => a + b, 0));
    await page.waitForFunction(
      () => {
        const map = document.querySelector('[data-testid="scenario-map"] [data-testid="map"]');
        // Two warned areas and a label per affected province.
        return map?.getAttribute('data-map-ready') === 'true' && Number(map.getAttribute('data-overlay-count')) === 4;
      },
      undefined,
      { timeout: 120_000 },
    );
    await page.getByTestId('legend-hazard-orange').waitFor();

    // The pre-filled scenario: the affected provinces with the people estimated, two plans.
    expect(await page.getByTestId('scenario-editor').getAttribute('data-state')).toBe('ready');
    for (const [k, region] of AFFECTED.entries()) expect(Number(await page.getByTestId(`affected-${region}-people`).inputValue())).toBe(people[k]);
    expect(await page.getByTestId('plan-0-id').inputValue()).toBe('affected-regions');
    expect(await page.getByTestId('plan-1-id').inputValue()).toBe('all-regions');
    // A mistake is marked and keeps the run off until it is put right.
    await page.getByTestId('plan-1-lead').fill('0');
    expect(await page.getByTestId('scenario-run').isDisabled()).toBe(true);
    await page.getByTestId('scenario-problems').waitFor();
    await page.getByTestId('plan-1-lead').fill('');
    // A limit that does not bind, raised by the demo's onboarded civilian transport units.
    await page.getByTestId('plan-0-transport').fill('100000');
    await page.getByTestId('plan-0-civilian').check();

    await page.getByTestId('scenario-run').click();
    await page.locator('[data-testid="plan-compare"][data-state="done"]').waitFor({ timeout: 180_000 });
    const value = async (plan: number, row: string) => Number(await page.locator(`[data-testid="compare-table"] tr[data-row="${row}"] td`).nth(plan).getAttribute('data-value'));
    // Every province may send in the second plan: never more shortfall than the affected provinces alone.
    expect(await value(1, 'shortfall')).toBeLessThanOrEqual(await value(0, 'shortfall'));
    expect(await value(0, 'hours')).toBeGreaterThanOrEqual(0);
    const terms = await page.locator('[data-testid="compare-table"] tr[data-row="terms"] td').nth(0).textContent();
    expect(Number(/民间运力 \+([\d,]+) 吨\/日/.exec(terms ?? '')?.[1]?.replace(/,/g, '') ?? 0), terms ?? '').toBeGreaterThan(0);
    expect(await page.locator('[data-testid="compare-table"] thead th[data-plan]').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-plan')))).toEqual(['affected-regions', 'all-regions']);

    // Day by day, and a day on the map: the stock of the plan's provinces and its flows.
    await page.getByTestId('compare-show-affected-regions').click();
    await page.locator('[data-testid="day-panel"][data-plan="affected-regions"]').waitFor();
    const days = await page.locator('[data-testid="day-table"] tbody tr').count();
    expect(days).toBeGreaterThanOrEqual(4);
    await page.locator('[data-testid="day-chart"] canvas').waitFor();
    await page.getByTestId('map-day').fill('1');
    await page.locator('[data-testid="scenario-map"][data-day="1"]').waitFor();
    await page.locator('[data-testid="day-table"] tbody tr[data-day="1"].scenario-shown').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="scenario-map"] [data-testid="map"]')?.getAttribute('data-map-ready') === 'true', undefined, { timeout: 60_000 });
    await page.getByTestId('legend-plan-day').waitFor();
    await session.screenshot('scenario-wall');

    // The plan becomes a dispatch recommendation: the emergency wall's scenario filled, its depots only.
    await page.getByTestId('compare-dispatch-affected-regions').click();
    await page.locator('[data-testid="wall"][data-wall="emergency-operations"]').waitFor();
    for (const [k, region] of AFFECTED.entries()) expect(Number(await page.getByTestId(`dispatch-people-${region}`).inputValue())).toBe(people[k]);
    expect(await page.getByTestId('dispatch-sources').getAttribute('data-regions')).toBe(AFFECTED.join(','));
    await page.locator('[data-testid="dispatch-plan"][data-open="true"]').waitFor({ timeout: 120_000 });
    const lines = await page.locator('[data-testid="dispatch-plan-table"] tbody tr[data-line]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-line') ?? ''));
    expect(lines.length).toBeGreaterThan(0);
    // A line's key starts with its depot's code, whose first two digits are the province's; a line
    // from civilian stock with its lot (`CL-<province>-…`).
    for (const line of lines) expect(AFFECTED).toContain(`${line.startsWith('CL-') ? line.slice(3, 5) : line.slice(0, 2)}0000`);
    await session.screenshot('scenario-dispatch');
    expect(session.problems).toEqual([]);
  }, 600_000);
});
