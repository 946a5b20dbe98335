import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoHost, type DemoHost } from './support/demo-host';

/** The forecasts on the browser host's tiny demo: the region wall's chart and the overview's warning list. */
describe('stock forecasts (browser host, tiny demo)', () => {
  let demo: DemoHost;

  beforeAll(async () => {
    demo = await openDemoHost('inrs-e2e-forecast-');
    const { page } = demo.session;
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(demo.host.url);
    await page.getByTestId('app-ready').waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('warns on the overview of the reserves forecast to cross their floor, soonest first', async () => {
    const { page } = demo.session;
    const list = page.locator('[data-testid="forecast-risk"][data-status="ready"]');
    await list.waitFor({ timeout: 120_000 });
    const rows = list.locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    // Clicking a warning focuses its province, as the province table does.
    const adcode = await rows.first().getAttribute('data-adcode');
    await rows.first().click();
    await expect.poll(() => page.getByTestId('province-table').locator('tbody tr').count()).toBe(1);
    await expect(page.getByTestId('province-table').locator('tbody tr').first().getAttribute('data-adcode')).resolves.toBe(adcode);
    await page.getByTestId('filter-clear').click();
  });

  it('draws the region wall\'s stock forecast with its band, floor and crossing, in both languages', async () => {
    const { page } = demo.session;
    await page.getByTestId('wall-tab-region-focus').click();
    const panel = page.locator('[data-testid="forecast-panel"][data-status="ready"]');
    await panel.waitFor({ timeout: 120_000 });
    await page.getByTestId('forecast-chart').locator('canvas').waitFor();
    const box = await page.getByTestId('forecast-chart').boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(200);
    await expect(page.getByTestId('forecast-crossing').textContent()).resolves.toMatch(/底线/);
    const options = await page.getByTestId('forecast-reserve').locator('option').count();
    expect(options).toBeGreaterThan(1);
    // Another reserve redraws the chart and its crossing line.
    const second = await page.getByTestId('forecast-reserve').locator('option').nth(1).getAttribute('value');
    await page.getByTestId('forecast-reserve').selectOption(second ?? '');
    await expect.poll(() => page.getByTestId('forecast-reserve').inputValue()).toBe(second);
    await page.getByTestId('lang-en').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await expect(page.getByTestId('forecast-crossing').textContent()).resolves.toMatch(/floor/);
    await page.getByTestId('lang-zh-CN').click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect(demo.session.problems).toEqual([]);
  });
});
