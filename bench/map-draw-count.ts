import { chromium } from 'playwright-core';
import { buildMapHarness } from './lib/build-map-harness';
import { NO_BASEMAP_PREFIX, serveHarness } from './lib/static-server';

/**
 * `npx tsx bench/map-draw-count.ts`: WebGL draws per pan move, the bare deck.gl page against the
 * app's MapView drawing only the depots (empty basemap). Counts instanced draws of more than
 * 1,000 instances (the depot scatter) per animation frame, and picking reads, for 3 moves each.
 */
const POINTS = 100_000;
// A string, not a function: tsx would wrap an inner function in a helper the page lacks.
const COUNTER = `(() => {
  const c = { instances: 0, readPixels: 0, frames: [] };
  window.__draws = c;
  const P = WebGL2RenderingContext.prototype;
  for (const name of ['drawArraysInstanced', 'drawElementsInstanced']) {
    const f = P[name];
    P[name] = function (...a) {
      const n = a[a.length - 1];
      c.instances += n;
      if (n > 1000 && c.frames.length > 0) c.frames[c.frames.length - 1]++;
      return f.apply(this, a);
    };
  }
  const rp = P.readPixels;
  P.readPixels = function (...a) { c.readPixels++; return rp.apply(this, a); };
  const raf = window.requestAnimationFrame.bind(window);
  let frameTime = -1;
  window.requestAnimationFrame = (cb) => raf((t) => { if (t !== frameTime) { frameTime = t; c.frames.push(0); } cb(t); });
})()`;

interface Counts {
  instances: number;
  readPixels: number;
  frames: number[];
}

const server = await serveHarness(await buildMapHarness());
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
try {
  const pages = [
    { id: 'bare', url: `/bare.html?points=${POINTS}`, ready: '#root[data-rendered]' },
    { id: 'app, depots only', url: `${NO_BASEMAP_PREFIX}/app.html?points=${POINTS}&render=full&layers=depots`, ready: '[data-map-ready="true"]' },
  ];
  for (const { id, url, ready } of pages) {
    const page = await browser.newPage({ viewport: { width: 1024, height: 640 } });
    await page.addInitScript(COUNTER);
    await page.goto(server.origin + url);
    await page.locator(ready).waitFor({ state: 'attached', timeout: 180_000 });
    await page.mouse.move(512, 320);
    await page.mouse.down();
    for (let step = 1; step <= 3; step++) {
      const before = await page.evaluate<Counts>('JSON.parse(JSON.stringify(window.__draws))');
      await page.mouse.move(512 + 120 * Math.cos(step / 3), 320 + 80 * Math.sin(step / 3));
      await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
      const after = await page.evaluate<Counts>('JSON.parse(JSON.stringify(window.__draws))');
      const perFrame = after.frames.slice(before.frames.length - 1);
      perFrame[0] = (perFrame[0] ?? 0) - (before.frames.at(-1) ?? 0);
      const scatterDraws = perFrame.reduce((a, b) => a + b, 0);
      process.stdout.write(
        `${id}, move ${step}: ${after.instances - before.instances} instances drawn, scatter draws ${scatterDraws} over frames [${perFrame.join(', ')}], readPixels ${after.readPixels - before.readPixels}\n`,
      );
    }
    await page.mouse.up();
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
