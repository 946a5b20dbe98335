import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildMapHarness } from './lib/build-map-harness';
import { round } from './lib/measure';
import { BENCH_DIR, WORK_DIR, writeResult } from './lib/results';
import { NO_BASEMAP_PREFIX, serveHarness } from './lib/static-server';

/**
 * Map benchmarks in headless Chromium (software WebGL on the build machines):
 * - frame time while panning over N depots, the app's MapView (full view forced) against a
 *   bare deck.gl page drawing the same typed arrays, same run, same mouse drags; at 100k also
 *   the app with its layer groups added one at a time (depots alone first: like for like);
 * - time to the first drawn map from a cold start of the browser host on a seeded replica.
 */
const log = (line: string) => process.stderr.write(`${line}\n`);
const ROOT = join(BENCH_DIR, '..');
// Smaller than a control-room screen: software WebGL pays per pixel, and the bench must stay short.
const VIEWPORT = { width: 1024, height: 640 };

/**
 * Steps sampled per page and a cap on the time spent on them: software WebGL takes seconds a frame.
 * `rounds` visits every page that many times, alternating the order, so drift in the machine's
 * load falls on all of them alike; `breakdown` also measures the app with layer groups switched off.
 */
const PLAN = [
  { points: 100_000, rounds: 2, steps: 3, warmup: 1, capMs: 30_000, breakdown: true },
  // A minute a frame in software: one drawn pan frame per page (skipped by --quick).
  { points: 1_000_000, rounds: 1, steps: 1, warmup: 0, capMs: 60_000, breakdown: false },
];
type Plan = (typeof PLAN)[number];

/**
 * The app's MapView with its layer groups added one at a time, each through the app's own layer
 * switches (`?layers=`, the map's layer store): the first on an empty basemap draws what the bare
 * page draws (the depot scatter), so its ratio is like for like; the last is the full view.
 */
const APP_VARIANTS = [
  { id: 'depots', shows: 'depots only, empty basemap (the bare page\'s layers)', path: `${NO_BASEMAP_PREFIX}/app.html`, layers: 'depots' },
  { id: 'basemap', shows: '+ basemap, choropleth and labels', path: '/app.html', layers: 'provinces,depots' },
  { id: 'arcs', shows: '+ transfer arcs', path: '/app.html', layers: 'provinces,depots,transfers' },
  { id: 'full', shows: '+ alert heatmap (the full view)', path: '/app.html', layers: null },
] as const;

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { p50: round(at(0.5), 1), p95: round(at(0.95), 1), samples: s.length };
}

/**
 * Frame time while panning: each step moves the mouse of a held drag and waits until the
 * browser has drawn the next frame after it (two animation frames), so the figure is the
 * time from a pointer move to the view on screen. The first steps warm up (shaders, uploads).
 */
async function panSteps(page: Page, steps: number, warmup: number, capMs: number): Promise<number[]> {
  const cx = VIEWPORT.width / 2;
  const cy = VIEWPORT.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  const samples: number[] = [];
  const started = Date.now();
  for (let step = 1; step <= warmup + steps; step++) {
    const t0 = performance.now();
    // A slow circle: the view keeps moving and never leaves China.
    await page.mouse.move(cx + 120 * Math.cos(step / 3), cy + 80 * Math.sin(step / 3));
    // A string, not a function: tsx would wrap an inner function in a helper the page lacks.
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    if (step > warmup) samples.push(performance.now() - t0);
    if (Date.now() - started > capMs && samples.length >= 2) break;
  }
  await page.mouse.up();
  return samples;
}

/** One visit: load the page, wait for its first full draw, then sample pan frames. */
async function visitPage(browser: Browser, url: string, ready: string, plan: Plan) {
  const page = await browser.newPage({ viewport: VIEWPORT });
  try {
    const t0 = Date.now();
    await page.goto(url);
    await page.locator(ready).waitFor({ state: 'attached', timeout: 180_000 });
    const firstDrawMs = Date.now() - t0;
    const samples = await panSteps(page, plan.steps, plan.warmup, plan.capMs);
    return { firstDrawMs, samples };
  } finally {
    await page.close();
  }
}

interface Target {
  id: string;
  url: string;
  ready: string;
}

/** Visits every target `plan.rounds` times (forward, then backward, …) and pools each one's samples. */
async function measureTargets(browser: Browser, targets: Target[], plan: Plan) {
  const pooled = new Map(targets.map((t) => [t.id, { firstDrawMs: [] as number[], samples: [] as number[] }]));
  for (let round = 0; round < plan.rounds; round++) {
    for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
      const visit = await visitPage(browser, target.url, target.ready, plan);
      const pool = pooled.get(target.id)!;
      pool.firstDrawMs.push(visit.firstDrawMs);
      pool.samples.push(...visit.samples);
      log(`    round ${round + 1} ${target.id}: ${visit.samples.map((ms) => Math.round(ms)).join(', ')} ms (first draw ${visit.firstDrawMs} ms)`);
    }
  }
  return new Map(
    [...pooled].map(([id, pool]) => [id, { firstDrawMs: Math.min(...pool.firstDrawMs), ...percentiles(pool.samples) }]),
  );
}

async function panBench(browser: Browser, origin: string, quick: boolean) {
  const rows = [];
  for (const plan of quick ? PLAN.slice(0, 1) : PLAN) {
    const { points } = plan;
    const variants = plan.breakdown ? APP_VARIANTS : APP_VARIANTS.filter((v) => v.id === 'full');
    const appUrl = (v: (typeof APP_VARIANTS)[number]) => `${origin}${v.path}?points=${points}&render=full${v.layers === null ? '' : `&layers=${v.layers}`}`;
    const targets: Target[] = [
      { id: 'bare', url: `${origin}/bare.html?points=${points}`, ready: '#root[data-rendered]' },
      ...variants.map((v) => ({ id: v.id, url: appUrl(v), ready: '[data-map-ready="true"]' })),
    ];
    log(`  panning over ${points} depots: bare deck.gl and the app's MapView (${variants.map((v) => v.id).join(', ')}), ${plan.rounds} round(s)…`);
    const measured = await measureTargets(browser, targets, plan);
    const bare = measured.get('bare')!;
    const app = measured.get('full')!;
    log(`    bare: p50 ${bare.p50} ms, p95 ${bare.p95} ms (${bare.samples} steps); app (full view): p50 ${app.p50} ms, p95 ${app.p95} ms (${app.samples} steps)`);
    const row: Record<string, unknown> = { points, app, bare, ratioP50: round(app.p50 / bare.p50, 2), ratioP95: round(app.p95 / bare.p95, 2) };
    if (plan.breakdown) {
      let before = bare.p50;
      row.breakdown = variants.map((v) => {
        const m = measured.get(v.id)!;
        const entry = { variant: v.id, shows: v.shows, layers: v.layers ?? 'all', ...m, ratioP50: round(m.p50 / bare.p50, 2), ratioP95: round(m.p95 / bare.p95, 2), addedP50Ms: round(m.p50 - before, 1) };
        before = m.p50;
        log(`    ${v.id}: p50 ${m.p50} ms (×${entry.ratioP50} bare, +${entry.addedP50Ms} ms over the step before)`);
        return entry;
      });
    }
    rows.push(row);
  }
  return rows;
}

/**
 * The replica for the cold start: the replica bench's national one when it was seeded,
 * otherwise a demo replica of our own, seeded once by the CLI and kept in bench/tmp.
 */
function coldStartReplica(): { scale: string; replica: string; key: string } {
  const national = join(WORK_DIR, 'national-encrypted.db');
  if (existsSync(national)) return { scale: 'national', replica: national, key: join(WORK_DIR, 'bench.key') };
  const replica = join(WORK_DIR, 'map-demo.db');
  const key = join(WORK_DIR, 'map-demo.key');
  if (!existsSync(replica)) {
    log('  seeding a demo replica for the cold start (kept in bench/tmp for later runs)…');
    const seeded = spawnSync(process.execPath, ['bin/inrs.mjs', 'seed', '--scale', 'demo', '--out', replica, '--key-file', key], { cwd: ROOT, encoding: 'utf8' });
    if (seeded.status !== 0) throw new Error(`seeding failed: ${seeded.stderr}`);
  }
  return { scale: 'demo', replica, key };
}

/** Cold start: spawn the browser host, open a fresh browser, time until the map says it is drawn. */
async function coldStart() {
  if (!existsSync(join(ROOT, 'out/main/browser-host.js'))) throw new Error('no build in out/: run `npm run build` first');
  const { scale, replica, key } = coldStartReplica();
  const started = Date.now();
  const child = spawn(process.execPath, ['out/main/browser-host.js', '--replica', replica, '--key-file', key, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => /^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/.test(l.trim()));
        if (line) resolve(line.trim());
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`browser host exited (${code}): ${out}`)));
    });
    const hostMs = Date.now() - started;
    const browser = await launch();
    try {
      const page = await browser.newPage({ viewport: VIEWPORT });
      const t0 = Date.now();
      await page.goto(url);
      await page.getByTestId('app-ready').first().waitFor({ state: 'attached', timeout: 180_000 });
      const appMs = Date.now() - t0;
      // First the map with provinces and depots, then the same with the alert heatmap, which joins after.
      await page.locator('[data-testid="map"][data-map-first-drawn="true"]').waitFor({ state: 'attached', timeout: 180_000 });
      const mapMs = Date.now() - t0;
      const map = page.locator('[data-testid="map"][data-map-ready="true"]');
      await map.waitFor({ state: 'attached', timeout: 180_000 });
      const fullMapMs = Date.now() - t0;
      const mode = await map.getAttribute('data-render-mode');
      log(`  ${scale} replica: host ready ${hostMs} ms, app ${appMs} ms, map ${mapMs} ms, with the heatmap ${fullMapMs} ms after navigation (${mode} view)`);
      return { replica: scale, renderMode: mode, hostReadyMs: hostMs, firstAppPaintMs: appMs, firstMapMs: mapMs, mapWithHeatmapMs: fullMapMs, ratioMapToAppPaint: round(mapMs / appMs, 2) };
    } finally {
      await browser.close();
    }
  } finally {
    child.kill('SIGTERM');
  }
}

export async function runMapBench(quick = false): Promise<string> {
  const started = Date.now();
  log('map: building the benchmark pages…');
  const server = await serveHarness(await buildMapHarness());
  let pan;
  const browser = await launch();
  try {
    const renderer = await (await browser.newPage()).evaluate<string>(`(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const ext = gl && gl.getExtension('WEBGL_debug_renderer_info');
      return gl && ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : 'unknown';
    })()`);
    log(`map: WebGL renderer ${renderer}`);
    pan = { renderer, viewport: VIEWPORT, rows: await panBench(browser, server.origin, quick) };
  } finally {
    await browser.close();
    await server.close();
  }
  log('map: time to first map from a cold start…');
  // Reported, not thrown: the pan figures above still stand.
  const cold = await coldStart().catch((err: unknown) => {
    log(`  cold start failed: ${(err as Error).message}`);
    return { error: (err as Error).message };
  });
  log(`map: done in ${Math.round((Date.now() - started) / 1000)} s`);
  return writeResult('map', { pan, coldStart: cold });
}
