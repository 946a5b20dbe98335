import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS } from './support/browser';
import { openDemoHost, type DemoHost } from './support/demo-host';
import { waitForMapReady } from './support/map-view';
import { ROOT } from './support/processes';

/**
 * Every wall at a desk monitor, a 4K wall screen (device scale 1) and a laptop, in both languages,
 * measured in Chromium: how much of the screen the map gets, text that overflows its box, primary
 * controls out of sight, charts without height. The expectations rest on structure (data-panel,
 * data-testid), not on figures, so what a panel says can change without breaking them.
 */
const RESOLUTIONS = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
  { width: 1366, height: 768 },
] as const;
const LANGUAGES = ['zh-CN', 'en'] as const;
const ALL_WALLS = ['national-overview', 'region-focus', 'category-reserves', 'alerts-tasks', 'traceability', 'emergency-operations', 'optimisation', 'scenario', 'registry'] as const;
type Wall = (typeof ALL_WALLS)[number];
/** INRS_LAYOUT_WALLS=a,b measures only those walls (while working on one); all of them by default. */
const ONLY = process.env.INRS_LAYOUT_WALLS?.split(',');
const WALLS = ALL_WALLS.filter((w) => !ONLY || ONLY.includes(w));

/** The walls where the map comes first: at least half of the viewport. */
const MAP_FIRST: ReadonlySet<Wall> = new Set(['national-overview', 'region-focus', 'alerts-tasks', 'emergency-operations']);
/** Controls an officer must see without scrolling anything. */
const PRIMARY_CONTROLS: Partial<Record<Wall, string[]>> = {
  'emergency-operations': ['propose-submit', 'dispatch-cold', 'dispatch-recommend'],
  traceability: ['trace-search-input'],
  optimisation: ['rotation-issue-button', 'layout-run'],
  scenario: ['hazard-import', 'scenario-run', 'compare-dispatch-affected-regions', 'map-day'],
};
/** What a wall computes before it is measured: its panels in their final state. */
const COMPUTED: Partial<Record<Wall, string[]>> = {
  optimisation: ['[data-testid="optim-rotation"][data-status="done"]', '[data-testid="optim-layout"][data-status="optimal"]', '[data-testid="cost-chart"] canvas'],
  scenario: ['[data-testid="plan-compare"][data-state="done"]', '[data-testid="day-chart"] canvas'],
  registry: ['[data-testid="registry-pipeline"][data-status="ready"]', '[data-testid="registry-map"] [data-testid="map"][data-map-ready="true"]'],
};
/** A flood over Hunan and a typhoon around Wuhan: the scenario wall is measured with a hazard imported and run. */
const HAZARD = join(ROOT, 'e2e', 'fixtures', 'hazard-flood.geojson');
/** Walls that must show at least one chart. */
const CHART_WALLS: ReadonlySet<Wall> = new Set(['region-focus', 'category-reserves', 'optimisation', 'scenario']);
const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

interface Measure {
  mapShare: number;
  pageScrolls: string | null;
  overflowing: string[];
  wrapped: string[];
  tabRows: number;
  panelsOutside: string[];
  controlsHidden: string[];
  clippedTables: string[];
}

/** Runs in the page: every layout fact the suite asserts on, each naming the element it concerns. */
function measure(controls: string[]): Measure {
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const name = (el: Element): string => {
    const id = el.getAttribute('data-testid');
    const text = (el.textContent ?? '').trim().slice(0, 30);
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(/\s+/).join('.')}` : '';
    return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : cls} "${text}"`;
  };
  const visibleArea = (r: DOMRect) => Math.max(0, Math.min(r.right, vw) - Math.max(r.left, 0)) * Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0));
  const shown = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const ownText = (el: Element) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');

  const maps = [...document.querySelectorAll('[data-panel] [data-testid="map"]')];
  const mapShare = maps.reduce((sum, m) => sum + visibleArea(m.getBoundingClientRect()), 0) / (vw * vh);

  const root = document.scrollingElement ?? document.documentElement;
  const pageScrolls = root.scrollHeight > vh + 1 || root.scrollWidth > vw + 1 ? `page is ${root.scrollWidth}×${root.scrollHeight}` : null;

  // Text that does not fit its box: header, wall tabs, KPI tiles, table headers.
  const scopes = ['.app-header', '[data-panel="kpi-strip"] .kpi-card', '[data-panel] thead th'];
  const overflowing: string[] = [];
  for (const scope of scopes) {
    for (const box of document.querySelectorAll(scope)) {
      for (const el of [box, ...box.querySelectorAll('*')]) {
        if (!ownText(el) || !shown(el) || getComputedStyle(el).display === 'inline') continue;
        if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
          overflowing.push(`${name(el)} content ${el.scrollWidth}×${el.scrollHeight} in box ${el.clientWidth}×${el.clientHeight}`);
        }
      }
    }
  }
  // The header is one line: none of its texts wraps.
  const wrapped: string[] = [];
  for (const el of document.querySelectorAll('.app-header *')) {
    if (!ownText(el) || !shown(el)) continue;
    // Lines of the element's own text only: an icon beside it is no second line.
    const tops = new Set<number>();
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || (node.textContent ?? '').trim() === '') continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.bottom));
    }
    if (tops.size > 1) wrapped.push(`${name(el)} wraps into ${tops.size} lines`);
  }
  const tabs = [...document.querySelectorAll('[data-testid^="wall-tab-"]')].filter(shown);
  const tabRows = new Set(tabs.map((t) => Math.round(t.getBoundingClientRect().top))).size;

  // The wall's areas lie inside the viewport; a wall with more than fits scrolls inside an area
  // (panels stacked in one area scroll there), so only the areas themselves are measured.
  const panelsOutside = [...document.querySelectorAll('[data-testid="wall"] > *')]
    .filter((p) => {
      const r = p.getBoundingClientRect();
      return r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1 || r.height < 40;
    })
    .map((p) => {
      const r = p.getBoundingClientRect();
      const kinds = [...p.querySelectorAll('[data-panel]'), p].map((e) => e.getAttribute('data-panel')).filter(Boolean).join('+');
      return `${kinds} at ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`;
    });

  // A primary control is seen and reachable: in the viewport and not clipped by its panel.
  const controlsHidden: string[] = [];
  for (const id of controls) {
    const el = document.querySelector(`[data-testid="${id}"]`);
    if (!el) {
      controlsHidden.push(`${id} missing`);
      continue;
    }
    const r = el.getBoundingClientRect();
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    const hit = cx >= 0 && cy >= 0 && cx <= vw && cy <= vh ? document.elementFromPoint(cx, cy) : null;
    const label = el.closest('label');
    const reachable = hit !== null && (el.contains(hit) || hit.contains(el) || (label !== null && label.contains(hit)));
    if (r.width === 0 || r.height === 0 || r.bottom > vh || r.right > vw || !reachable) controlsHidden.push(`${id} at ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`);
  }

  // Tables show their header's last column and some rows.
  const clippedTables: string[] = [];
  for (const table of document.querySelectorAll('[data-panel="province-table"] table, [data-panel="depot-table"] table')) {
    const scroller = table.closest('.table-scroll') ?? table.parentElement!;
    const box = scroller.getBoundingClientRect();
    const last = [...table.querySelectorAll('thead th')].at(-1);
    if (last && last.getBoundingClientRect().right > box.right + 1) clippedTables.push(`${name(table)}: last column "${last.textContent}" cut at ${Math.round(box.right)}`);
    const rows = [...table.querySelectorAll('tbody tr')].filter((tr) => tr.getBoundingClientRect().bottom <= box.bottom + 1).length;
    const wanted = Math.min(3, table.querySelectorAll('tbody tr').length);
    if (rows < wanted) clippedTables.push(`${name(table)}: only ${rows} of ${wanted} rows visible`);
  }

  return { mapShare, pageScrolls, overflowing, wrapped, tabRows, panelsOutside, controlsHidden, clippedTables };
}

/**
 * Runs in the page: each chart at least 200 px high with pixels drawn on its canvas (read from
 * the canvas itself, ECharts draws in 2D, so no screenshot of a page busy redrawing the map).
 * Returns true when all is well; with `report`, the problems, each naming its chart.
 */
function chartsProblems(report = false): true | string[] | false {
  const problems: string[] = [];
  for (const chart of document.querySelectorAll('[data-panel] .echart')) {
    const id = chart.getAttribute('data-testid') ?? 'chart';
    const height = chart.getBoundingClientRect().height;
    const canvas = chart.querySelector('canvas');
    if (height < 200) problems.push(`chart ${id} is ${Math.round(height)} px high`);
    else if (!canvas) problems.push(`chart ${id} has no canvas`);
    else {
      const ctx = canvas.getContext('2d');
      const px = ctx && canvas.width > 0 && canvas.height > 0 ? ctx.getImageData(0, 0, canvas.width, canvas.height).data : new Uint8ClampedArray();
      const counts = new Map<number, number>();
      let samples = 0;
      for (let y = 5; y < canvas.height; y += 11) {
        for (let x = 5; x < canvas.width; x += 11) {
          const i = (y * canvas.width + x) * 4;
          const key = ((px[i]! >> 4) << 12) | ((px[i + 1]! >> 4) << 8) | ((px[i + 2]! >> 4) << 4) | (px[i + 3]! >> 4);
          counts.set(key, (counts.get(key) ?? 0) + 1);
          samples++;
        }
      }
      const share = samples === 0 ? 0 : 1 - Math.max(...counts.values()) / samples;
      if (share < 0.02) problems.push(`chart ${id} is blank (${(share * 100).toFixed(1)} % of pixels drawn)`);
    }
  }
  if (problems.length === 0) return true;
  return report ? problems : false;
}

describe('wall layouts at three resolutions in both languages (browser host, tiny demo)', () => {
  let demo: DemoHost;

  beforeAll(async () => {
    demo = await openDemoHost('inrs-e2e-layout-');
    const { page } = demo.session;
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(demo.host.url);
    await page.getByTestId('app-ready').waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await demo?.close();
  });

  async function show(page: Page, lang: string, wall: Wall): Promise<void> {
    if ((await page.locator('html').getAttribute('lang')) !== lang) {
      await page.getByTestId(`lang-${lang}`).click();
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    }
    await page.getByTestId(`wall-tab-${wall}`).click();
    await page.locator(`[data-testid="wall"][data-wall="${wall}"]`).waitFor();
    await page.locator('[data-panel]').first().waitFor();
    // The host keeps the hazard and the run: the first visit imports and runs, the others find them.
    if (wall === 'scenario' && (await page.locator('[data-testid="plan-compare"][data-state="done"]').count()) === 0) {
      await page.getByTestId('hazard-file').setInputFiles(HAZARD);
      await page.locator('[data-testid="scenario-editor"][data-state="ready"]').waitFor({ timeout: 60_000 });
      await page.getByTestId('scenario-run').click();
    }
    for (const selector of COMPUTED[wall] ?? []) await page.locator(selector).first().waitFor({ timeout: 180_000 });
    // The map's code loads on first use: its panel holds the place until the map itself is there.
    if (MAP_FIRST.has(wall)) await page.locator('[data-panel] [data-testid="map"]').first().waitFor({ timeout: 60_000 });
  }

  /** Every chart canvas of the wall: at least 200 px high and not blank. */
  async function chartProblems(page: Page, wall: Wall): Promise<string[]> {
    if (CHART_WALLS.has(wall)) {
      const shown = await page
        .locator('[data-panel] .echart canvas')
        .first()
        .waitFor({ timeout: 15_000 })
        .then(
          () => true,
          () => false,
        );
      if (!shown) return ['no chart shown'];
    }
    // A chart just laid out gets a moment to reach its height and draw; what it then shows is judged.
    await page.waitForFunction(chartsProblems, undefined, { timeout: 5_000, polling: 250 }).catch(() => undefined);
    const problems = await page.evaluate(chartsProblems, true);
    return Array.isArray(problems) ? problems : [];
  }

  for (const size of RESOLUTIONS) {
    for (const lang of LANGUAGES) {
      it(`${size.width}×${size.height} ${lang}: every wall keeps the map first, its text in its boxes and its controls in view`, async () => {
        const { page } = demo.session;
        await page.setViewportSize(size);
        const failures: string[] = [];
        for (const wall of WALLS) {
          await show(page, lang, wall);
          const where = `${wall} at ${size.width}×${size.height} ${lang}`;
          const charts = await chartProblems(page, wall);
          const m = await page.evaluate(measure, PRIMARY_CONTROLS[wall] ?? []);
          if (MAP_FIRST.has(wall) && m.mapShare < 0.5) failures.push(`${where}: map takes ${(m.mapShare * 100).toFixed(0)} % of the viewport (< 50 %)`);
          if (m.pageScrolls) failures.push(`${where}: the page scrolls (${m.pageScrolls})`);
          if (m.tabRows > 1) failures.push(`${where}: wall tabs take ${m.tabRows} rows`);
          for (const f of m.overflowing) failures.push(`${where}: text overflows: ${f}`);
          for (const f of m.wrapped) failures.push(`${where}: header text ${f}`);
          for (const f of m.panelsOutside) failures.push(`${where}: panel outside the viewport: ${f}`);
          for (const f of m.controlsHidden) failures.push(`${where}: primary control out of view: ${f}`);
          for (const f of m.clippedTables) failures.push(`${where}: table ${f}`);
          for (const f of charts) failures.push(`${where}: ${f}`);
          if (size.width === 1920) {
            if (MAP_FIRST.has(wall) || wall === 'optimisation' || wall === 'scenario') await waitForMapReady(page, 120_000).catch(() => failures.push(`${where}: map not ready in 120 s`));
            const file = `layout-${wall}-${lang}`;
            await demo.session.screenshot(file);
            mkdirSync(SCREENSHOTS, { recursive: true });
            copyFileSync(join(ARTIFACTS, `${file}.png`), join(SCREENSHOTS, `${wall}-${lang}.png`));
          } else if (size.width === 1366) {
            await demo.session.screenshot(`layout-${wall}-${lang}-1366`);
          }
        }
        expect(failures, failures.join('\n')).toEqual([]);
      }, 600_000);
    }
  }

  it('emergency wall at 1920×1080 with a recommended plan: its rows, the issue button and the officer\'s submit in view, arcs on a large map', async () => {
    const { page } = demo.session;
    await page.setViewportSize({ width: 1920, height: 1080 });
    await show(page, 'zh-CN', 'emergency-operations');
    await page.getByTestId('dispatch-add-region').selectOption('430000');
    await page.getByTestId('dispatch-people-430000').fill('200000');
    await page.getByTestId('dispatch-recommend').click();
    await page.locator('[data-testid="dispatch-plan"][data-open="true"]').waitFor({ timeout: 90_000 });
    await page.waitForFunction(() => {
      const map = document.querySelector('[data-panel] [data-testid="map"]');
      return map?.getAttribute('data-map-ready') === 'true' && Number(map.getAttribute('data-dispatch-arcs')) > 0;
    }, undefined, { timeout: 120_000 });
    const m = await page.evaluate(measure, ['propose-submit', 'dispatch-issue-button']);
    const rows = await page.evaluate(() => {
      const table = document.querySelector('[data-testid="dispatch-plan-table"]');
      const box = (table?.closest('.table-scroll') ?? table)?.getBoundingClientRect();
      if (!table || !box) return 0;
      return [...table.querySelectorAll('tbody tr')].filter((tr) => {
        const r = tr.getBoundingClientRect();
        return r.top >= box.top - 1 && r.bottom <= box.bottom + 1 && r.bottom <= window.innerHeight;
      }).length;
    });
    await demo.session.screenshot('layout-emergency-operations-plan-zh-CN');
    copyFileSync(join(ARTIFACTS, 'layout-emergency-operations-plan-zh-CN.png'), join(SCREENSHOTS, 'emergency-operations-plan-zh-CN.png'));
    const where = 'emergency-operations with a plan at 1920×1080 zh-CN';
    expect(m.mapShare, `${where}: map share`).toBeGreaterThanOrEqual(0.5);
    expect(m.controlsHidden, `${where}: controls out of view`).toEqual([]);
    expect(m.pageScrolls, `${where}: page scroll`).toBeNull();
    expect(rows, `${where}: plan rows in view`).toBeGreaterThanOrEqual(5);
    await page.getByTestId('dispatch-close').click();
  }, 300_000);

  it('on a fresh demo sums the regions up in one chip, unlinked regions replica-only and none stale', async () => {
    const { page } = demo.session;
    const chip = page.getByTestId('region-status-chip');
    await page.waitForFunction(() => {
      const counts = JSON.parse(document.querySelector('[data-testid="region-status-chip"]')?.getAttribute('data-counts') ?? '{}') as Record<string, number>;
      return (counts.live ?? 0) >= 1 && (counts['catching-up'] ?? 0) === 0;
    }, undefined, { timeout: 90_000 });
    const counts = JSON.parse((await chip.getAttribute('data-counts')) ?? '{}') as Record<string, number>;
    expect(counts.stale, 'stale regions').toBe(0);
    expect(counts['replica-only'], 'replica-only regions').toBeGreaterThan(0);
    expect(await page.getByTestId('asof-button').getAttribute('data-stale')).toBe('0');
    expect(await page.getByTestId(`region-status-000000`).getAttribute('data-class')).toBe('replica-only');
    // The detail sits in a drawer: shut, it is out of sight; the chip opens it.
    const drawer = page.getByTestId('region-status-drawer');
    expect(await drawer.getAttribute('data-open')).toBe('false');
    await chip.click();
    await page.locator('[data-testid="region-status-drawer"][data-open="true"]').waitFor();
    await page.waitForFunction(() => {
      const r = document.querySelector('[data-testid="region-status-drawer"]')?.getBoundingClientRect();
      return r !== undefined && r.right <= window.innerWidth + 1 && r.left >= 0;
    });
    await demo.session.screenshot('layout-region-status-drawer');
    await page.getByTestId('region-status-close').click();
  });

  it('reports no console or page errors across the suite', () => {
    expect(demo.session.problems).toEqual([]);
  });
});
