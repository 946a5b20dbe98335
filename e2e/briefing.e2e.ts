import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/browser';
import { openDemoHost } from './support/demo-host';
import type { RunningHost } from './support/processes';

/** Text of a PDF as poppler's pdftotext reads it: a reader independent of the one that wrote it. */
function pdfText(file: string): string {
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`pdftotext ${file} failed: ${r.stderr}`);
  return r.stdout;
}

/**
 * The header's briefing export in the browser host on the demo: the button opens the panel,
 * the export runs in the host, the panel shows where the PDF was written, and that file is a
 * real PDF (in the demo's briefings folder) whose text carries the data-as-of line and the
 * provinces; the browser then downloads that very file.
 */
describe('briefing export from the header (browser host, demo)', () => {
  let dataDir: string;
  let host: RunningHost;
  let session: Session;

  let close = async () => {};

  beforeAll(async () => {
    ({ dataDir, host, session, close } = await openDemoHost('inrs-e2e-briefing-'));
  });

  afterAll(() => close());

  it('writes the national briefing PDF, shows its path and the browser downloads it', async () => {
    const { page } = session;
    await page.goto(host.url);
    await page.getByTestId('app-ready').waitFor({ timeout: 60_000 });

    await page.getByTestId('briefing-open').click();
    await page.getByTestId('briefing-panel').waitFor();
    // The browser downloads the PDF itself once it is written (a one-time address of the host).
    const download = page.waitForEvent('download', { timeout: 150_000 });
    await page.getByTestId('briefing-export').click();
    const path = page.getByTestId('briefing-path');
    await path.waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('briefing-error').count()).toBe(0);
    const file = (await path.textContent())?.trim() ?? '';
    await session.screenshot('briefing-exported');

    // Written by the host beside the demo replica, under briefings/, named for its scope.
    expect(relative(join(dataDir, 'briefings'), file)).toMatch(/^briefing-national-\d{8}T\d{6}Z\.pdf$/);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(statSync(file).size).toBeGreaterThan(10_000);
    expect(await page.getByTestId('briefing-result').textContent()).toMatch(/已生成 \d+ 页，数据截至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

    const text = pdfText(file);
    expect(text).toContain('数据截至');
    expect(text).toContain('湖南省');

    const arrived = await download;
    expect(arrived.suggestedFilename()).toBe(basename(file));
    const saved = await arrived.path();
    expect(readFileSync(saved).equals(readFileSync(file))).toBe(true);
    await page.getByTestId('briefing-downloaded').waitFor();
    expect(session.problems).toEqual([]);
  });
});
