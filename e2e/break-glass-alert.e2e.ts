import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/browser';
import { openDemoHost } from './support/demo-host';
import type { RunningHost } from './support/processes';

const REGION = '430000';

/**
 * A break-glass level I in the alert list, in the browser host on the demo: the demo's national
 * commander raises Hunan to level I alone through its live regional server; the alert comes
 * back through sync and heads the alerts wall as its own kind, marked apart from stock alerts.
 */
describe('break-glass alert in the alert list (browser host, demo)', () => {
  let host: RunningHost;
  let session: Session;

  let close = async () => {};

  beforeAll(async () => {
    ({ host, session, close } = await openDemoHost('inrs-e2e-break-glass-'));
  });

  afterAll(() => close());

  it('heads the alerts wall as a break-glass alert awaiting a countersignature', async () => {
    const { page } = session;
    await page.goto(`${host.url}&wall=emergency-operations`);
    await page.getByTestId('app-ready').waitFor({ timeout: 60_000 });
    await page.locator(`[data-testid="link-status-${REGION}"][data-status="live"]`).waitFor({ timeout: 90_000 });

    await page.getByTestId('break-glass-region').selectOption(REGION);
    await page.getByTestId('break-glass-plan').fill('国家地震应急预案Ⅰ级');
    await page.getByTestId('break-glass-reason').fill('强震，通信中断');
    await page.getByTestId('break-glass-submit').click();
    await page.locator('[data-testid="command-status-break-glass"][data-status="accepted"]').waitFor({ timeout: 60_000 });

    await page.goto(`${host.url}&wall=alerts-tasks`);
    await page.getByTestId('app-ready').waitFor({ timeout: 60_000 });
    const alert = page.getByTestId(`alert-break-glass-${REGION}`);
    await alert.waitFor({ timeout: 60_000 });
    const first = page.locator('[data-testid="alert-list"] > li').first();
    expect(await first.getAttribute('data-kind')).toBe('break-glass');
    expect(await first.getAttribute('class')).toContain('alert-break-glass');
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('紧急单签Ⅰ级');
    expect(text).toContain('湖南省');
    expect(text).toContain('待另一名值班员复核');
    // Set apart by its own style, not only its words.
    expect(await alert.evaluate((el) => getComputedStyle(el).borderLeftWidth)).toBe('6px');
    await session.screenshot('break-glass-alert');
    expect(session.problems).toEqual([]);
  });
});
