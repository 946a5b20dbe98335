import { afterAll, beforeAll, it } from 'vitest';
import type { Session } from './support/browser';
import { openDemoHost } from './support/demo-host';
import type { RunningHost } from './support/processes';
let host: RunningHost;
let session: Session;
let close = async () => {};
beforeAll(async () => {
  ({ host, session, close } = await openDemoHost('inrs-shots-'));
});
afterAll(() => close());
it('shots', async () => {
  const { page } = session;
  for (const [w, h] of [[1920, 1080], [1366, 768]] as const) {
    for (const lang of ['zh-CN', 'en']) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`${host.url}&wall=optimisation`);
      await page.getByTestId('app-ready').waitFor();
      if ((await page.locator('html').getAttribute('lang')) !== lang) {
        await page.getByTestId(`lang-${lang}`).click();
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      }
      await page.locator('[data-testid="optim-rotation"][data-status="done"]').waitFor({ timeout: 120_000 });
      await page.locator('[data-testid="sizing-table"]').waitFor();
      await page.waitForTimeout(2500);
      await page.screenshot({ path: `/tmp/optim-finish-${w}-${lang}.png` });
    }
  }
}, 300_000);
