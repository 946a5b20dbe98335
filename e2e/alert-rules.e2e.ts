import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChromium, type Session } from './support/browser';
import { freePort, inrs, startHost, startRegionalServer, type RegionalServerProcess, type RunningHost } from './support/processes';

const REGION = '430000';

/**
 * An analyst's workstation (browser host + Chromium) against a Hunan regional server over mutual
 * TLS, certificates from the project's PKI: the analyst edits the floor rule, sees what it would
 * raise, publishes it as the next signed version, sees the alerts it raises on the alert list,
 * and acknowledges one with a comment.
 */
describe('alert rules: edit, preview, publish, acknowledge (browser host, regional server)', () => {
  let dir: string;
  let server: RegionalServerProcess | undefined;
  let host: RunningHost | undefined;
  let session: Session | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inrs-e2e-alert-rules-'));
    const pki = join(dir, 'pki');
    inrs(['pki', 'init', '--dir', pki]);
    inrs(['pki', 'issue', '--dir', pki, '--kind', 'server', '--region', REGION, '--name', 'hunan-1', '--days', '30', '--out', join(dir, 'server.p12')]);
    inrs(['pki', 'issue', '--dir', pki, '--kind', 'client', '--region', '000000', '--role', 'ministry-analyst', '--name', '分析员钱', '--days', '1', '--out', join(dir, 'analyst.p12')]);
    inrs(['seed', '--scale', 'tiny', '--out', join(dir, 'seed.db'), '--key-file', join(dir, 'seed.key')]);
    inrs(['pki', 'export-trust', '--dir', pki, '--out', join(dir, 'trust')]);
    const port = await freePort();
    server = await startRegionalServer([
      '--region', REGION, '--data', join(dir, 'server'), '--trust', join(dir, 'trust'), '--identity', join(dir, 'server.p12'),
      '--port', String(port), '--seed-scale', 'tiny',
    ]);
    const data = join(dir, 'analyst');
    mkdirSync(data);
    copyFileSync(join(dir, 'seed.db'), join(data, 'replica.db'));
    copyFileSync(join(dir, 'seed.key'), join(data, 'replica.key'));
    writeFileSync(
      join(data, 'sync.json'),
      JSON.stringify({
        replica: 'replica.db', keyFile: 'replica.key', identity: '../analyst.p12', passphraseFile: '../analyst.passphrase', rootCert: '../trust/root.crt',
        clientId: 'analyst', regions: { [REGION]: { urls: [`wss://127.0.0.1:${port}`] } },
      }),
    );
    host = await startHost([
      'out/main/browser-host.js', '--replica', join(data, 'replica.db'), '--key-file', join(data, 'replica.key'),
      '--sync-config', join(data, 'sync.json'), '--data-dir', data, '--port', '0',
    ]);
    session = await openChromium();
  });

  afterAll(async () => {
    await session?.close();
    await host?.stop();
    server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('the analyst edits the floor rule, previews it, publishes it, sees its alerts and acknowledges one with a comment', async () => {
    const page = session!.page;
    await page.setViewportSize({ width: 1920, height: 1080 });
    const url = new URL(host!.url);
    url.searchParams.set('wall', 'alerts-tasks');
    await page.goto(url.toString());
    await page.getByTestId('app-ready').waitFor({ timeout: 60_000 });
    await page.locator(`[data-testid="link-status-${REGION}"][data-status="live"]`).waitFor({ timeout: 60_000 });
    await page.getByTestId('rule-alert-list').waitFor({ timeout: 60_000 });
    const floorAlerts = page.locator(`[data-testid="rule-alert"][data-rule="under-floor"][data-region="${REGION}"]`);
    const before = await floorAlerts.count();

    // The rules in force: the shipped default, editable for an analyst.
    await page.getByTestId('filter-clear').click().catch(() => undefined);
    await page.getByTestId('rules-open').click();
    const panel = page.locator('[data-testid="rules-panel"][data-editable="true"]');
    await panel.waitFor();
    await page.getByTestId('rules-region').selectOption(REGION);
    await page.locator('[data-testid="rules-version"][data-version="0"]').waitFor();
    await expect(page.getByTestId('rules-version').textContent()).resolves.toContain('内置默认规则');

    // A clear value on the bad side is refused, in the officer's language, before anything is sent.
    await page.getByTestId('rule-under-floor-clearAt').fill('0.5');
    await expect(page.getByTestId('rule-under-floor-errors').textContent()).resolves.toContain('解除值须不低于触发值');
    await expect(page.getByTestId('rules-publish').isDisabled()).resolves.toBe(true);

    // Floor rule raised to three times the floor: the preview counts what it would raise here.
    await page.getByTestId('rule-under-floor-raiseAt').fill('3');
    await page.getByTestId('rule-under-floor-clearAt').fill('3');
    await page.getByTestId('rule-under-floor-criticalAt').fill('1');
    await expect(page.getByTestId('rule-under-floor-errors').count()).resolves.toBe(0);
    const preview = page.getByTestId('rule-under-floor-preview');
    await expect.poll(() => preview.getAttribute('data-count'), { timeout: 30_000 }).not.toBe('');
    const would = Number(await preview.getAttribute('data-count'));
    expect(would).toBeGreaterThan(before);
    await expect(preview.textContent()).resolves.toContain(`将触发 ${would} 条`);
    await session!.screenshot('alert-rules-preview');

    // Every measure can be picked; a rule added on plan completion previews on this replica's values.
    await expect(page.getByTestId('rule-under-floor-measure').locator('option').count()).resolves.toBe(7);
    await page.getByTestId('rules-add-measure').selectOption('plan-completion');
    await page.getByTestId('rules-add').click();
    await page.getByTestId('rule-plan-completion-1').waitFor();
    await page.getByTestId('rule-plan-completion-1-severity').selectOption('info');
    await page.getByTestId('rule-plan-completion-1-raiseAt').fill('5');
    await page.getByTestId('rule-plan-completion-1-clearAt').fill('5');
    const planPreview = page.getByTestId('rule-plan-completion-1-preview');
    await expect.poll(async () => Number((await planPreview.getAttribute('data-count')) || '0'), { timeout: 30_000 }).toBeGreaterThan(0);

    // Published as version 1 of the region's rules: signed, accepted, back through sync.
    await page.getByTestId('rules-publish').click();
    await page.locator('[data-testid="rules-publish-status"][data-status="accepted"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="rules-version"][data-version="1"]').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('rules-version').textContent()).resolves.toContain('分析员钱');
    await page.getByTestId('rules-close').click();

    // The alert list shows what the new rule raises.
    await expect.poll(() => floorAlerts.count(), { timeout: 30_000 }).toBe(would);

    // Acknowledge one with a comment: it shows who and why, and takes no second acknowledgement.
    const target = floorAlerts.and(page.locator('[data-acknowledged="false"]')).first();
    const id = await target.getAttribute('data-id');
    const line = page.locator(`[data-testid="rule-alert"][data-id="${id}"]`);
    await line.getByTestId('rule-alert-acknowledge').click();
    await line.getByTestId('rule-alert-submit').click();
    await expect(line.locator('.field-error').textContent()).resolves.toContain('请填写说明');
    await line.getByTestId('rule-alert-text').fill('已通知长沙库补库');
    await line.getByTestId('rule-alert-submit').click();
    await page.locator(`[data-testid="rule-alert"][data-id="${id}"][data-acknowledged="true"]`).waitFor({ timeout: 30_000 });
    await expect(line.getByTestId('rule-alert-ack').textContent()).resolves.toContain('已通知长沙库补库');
    await expect(line.getByTestId('rule-alert-ack').textContent()).resolves.toContain('分析员钱');
    await expect(line.getByTestId('rule-alert-acknowledge').count()).resolves.toBe(0);
    await session!.screenshot('alert-rules-acknowledged');
    expect(session!.problems).toEqual([]);
  });
});
