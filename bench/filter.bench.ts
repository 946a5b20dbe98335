import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { SeedScale } from '../src/core/seed';
import { startHost } from '../e2e/support/processes';
import { BENCH_DIR, writeResult } from './lib/results';
import { round } from './lib/measure';

/** Provinces picked in turn: each pick is followed by a second click that clears it. */
const PICKS = 6;

interface Pick {
  /** Click → province table and KPIs show the new filter (what an officer reads first). */
  panels: number;
  /** Click → the filtered situation has arrived in the page. */
  data: number;
  /** Click → the map reports the filtered picture drawn (maplibre idle + deck.gl frame). */
  mapDrawn: number;
}

/**
 * Runs in the page (plain JavaScript, so no compiler helper leaks into it): clicks a province row
 * (the same filter action as a click on the map) and times, with the page's own clock, when the
 * panels, the map's data and the drawn map follow.
 */
const TIME_PICK = `async (adcode) => {
  const grain = () => document.querySelector('[data-testid="kpi-persons-grain"]')?.getAttribute('data-value');
  const rows = () => [...document.querySelectorAll('[data-testid="province-table"] tbody tr')].map((tr) => tr.getAttribute('data-adcode'));
  const slot = () => document.querySelector('[data-testid="map-slot"]');
  const map = () => document.querySelector('[data-testid="map"]');
  const before = grain();
  const selecting = rows().length > 1;
  const want = selecting ? adcode : '';
  const row = document.querySelector('[data-testid="province-table"] tbody tr[data-adcode="' + adcode + '"]');
  if (!row) throw new Error('no row for ' + adcode);
  const started = performance.now();
  row.click();
  const times = {};
  let mapWasBusy = false;
  return new Promise((resolve, reject) => {
    const poll = () => {
      const now = performance.now();
      const r = rows();
      if (times.panels === undefined && grain() !== before && (selecting ? r.length === 1 && r[0] === adcode : r.length > 1)) times.panels = now - started;
      if (times.data === undefined && slot()?.getAttribute('data-loaded-regions') === want) times.data = now - started;
      const ready = map()?.getAttribute('data-map-ready') === 'true';
      if (times.data !== undefined && !ready) mapWasBusy = true;
      if (times.mapDrawn === undefined && times.data !== undefined && ready && (mapWasBusy || now - started - times.data > 500)) times.mapDrawn = now - started;
      if (times.panels !== undefined && times.data !== undefined && times.mapDrawn !== undefined) return resolve(times);
      if (now - started > 120000) return reject(new Error('pick ' + adcode + ' did not finish: ' + JSON.stringify(times)));
      setTimeout(poll, 5);
    };
    poll();
  });
}`;

/** Runs in the page: switches the language and times until the header and the KPI captions read in it. */
const TIME_LANGUAGE = `async (lang) => {
  const caption = () => document.querySelector('[data-testid="kpi-strip"] .kpi-caption')?.textContent ?? '';
  const before = caption();
  const button = document.querySelector('[data-testid="lang-' + lang + '"]');
  if (!button) throw new Error('no switch to ' + lang);
  const started = performance.now();
  button.click();
  return new Promise((resolve, reject) => {
    const poll = () => {
      const now = performance.now();
      if (document.documentElement.lang === lang && caption() !== before) return resolve(now - started);
      if (now - started > 120000) return reject(new Error('language ' + lang + ' not shown'));
      setTimeout(poll, 5);
    };
    poll();
  });
}`;

const LANGUAGE_SWITCHES = 3;

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { median: round(at(0.5)), p95: round(at(0.95)), runs: s.length };
};

/** The host's own time for the situation reads of each pick, from the page's WebSocket frames. */
function watchHostReads(page: Page): () => number[] {
  const sent = new Map<number, number>();
  const took: number[] = [];
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      const call = JSON.parse(String(payload)) as { id?: number; channel?: string };
      if ((call.channel === 'situation:snapshot' || call.channel === 'situation:kpis') && call.id !== undefined) sent.set(call.id, performance.now());
    });
    ws.on('framereceived', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { id?: number };
      const at = frame.id === undefined ? undefined : sent.get(frame.id);
      if (at !== undefined && frame.id !== undefined) {
        took.push(performance.now() - at);
        sent.delete(frame.id);
      }
    });
  });
  return () => took.splice(0);
}

async function measureAt(scale: SeedScale): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(BENCH_DIR, 'tmp-filter-'));
  const host = await startHost(['out/main/browser-host.js', '--data-dir', dataDir, '--demo-scale', scale, '--port', '0'], {}, 900_000);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    const hostReads = watchHostReads(page);
    await page.goto(host.url);
    await page.locator('[data-testid="map"][data-map-ready="true"]').waitFor({ timeout: 300_000 });
    await page.locator('[data-testid="province-table"] tbody tr').nth(PICKS).waitFor({ timeout: 60_000 });
    const adcodes = await page.locator('[data-testid="province-table"] tbody tr').evaluateAll((trs, n) => trs.slice(0, n).map((tr) => tr.getAttribute('data-adcode') ?? ''), PICKS);
    hostReads();
    const picks: Pick[] = [];
    const reads: number[] = [];
    for (const adcode of adcodes) {
      for (let click = 0; click < 2; click++) {
        picks.push((await page.evaluate(`(${TIME_PICK})(${JSON.stringify(adcode)})`)) as Pick);
        reads.push(...hostReads());
        // The next click waits for a quiet map, as an officer's next click would.
        await page.locator('[data-testid="map"][data-map-ready="true"]').waitFor({ timeout: 120_000 });
      }
    }
    const switches: number[] = [];
    for (let i = 0; i < LANGUAGE_SWITCHES; i++) {
      for (const lang of ['en', 'zh-CN']) {
        switches.push((await page.evaluate(`(${TIME_LANGUAGE})(${JSON.stringify(lang)})`)) as number);
        await page.locator('[data-testid="map"][data-map-ready="true"]').waitFor({ timeout: 120_000 });
      }
    }
    const panels = stats(picks.map((p) => p.panels));
    const hostRead = stats(reads);
    return {
      scale,
      clicks: picks.length,
      clickToPanelsMs: panels,
      clickToDataMs: stats(picks.map((p) => p.data)),
      clickToMapDrawnMs: stats(picks.map((p) => p.mapDrawn)),
      hostSituationReadMs: hostRead,
      languageSwitchMs: stats(switches),
      // What the page adds to the host's reads before the officer sees the panels follow.
      panelsOverHostRead: hostRead.median > 0 ? round(panels.median / hostRead.median) : null,
    };
  } finally {
    await browser.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Map click → filter on the overview at 1920×1080 in the browser host: click to panels (table and
 * KPIs), to the map's data, and to the drawn map, against the host's own read time in the same run;
 * then a language switch, click to the header and KPI captions in the other language.
 * Drawing is software WebGL here; the panels figure is the one an officer waits for.
 */
export async function runFilterBench(quick: boolean): Promise<string> {
  if (!existsSync('out/main/browser-host.js')) spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  const scales: SeedScale[] = quick ? ['tiny'] : ['tiny', 'demo'];
  const results = [];
  for (const scale of scales) results.push(await measureAt(scale));
  return writeResult('filter-click', { picks: PICKS, viewport: '1920x1080', results });
}
