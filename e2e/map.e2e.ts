import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKeyFile } from '../src/core/replica/key-file';
import { openReplica } from '../src/core/replica/replica';
import { openChromium, type Session } from './support/browser';
import { nonBlankShare, projectOnMap, waitForMapReady } from './support/map-view';
import { inrs, ROOT, startHost, type RunningHost } from './support/processes';

interface DepotRow {
  code: string;
  nameZh: string;
  lon: number;
  lat: number;
}

/** The depot farthest from any other: the pointer can only be over that one. */
function loneliest(depots: DepotRow[]): DepotRow {
  const gap = (d: DepotRow) => Math.min(...depots.filter((o) => o !== d).map((o) => Math.hypot(o.lon - d.lon, o.lat - d.lat)));
  return [...depots].sort((a, b) => gap(b) - gap(a))[0]!;
}

describe('national risk map (browser host, tiny replica, Chromium with software WebGL)', () => {
  let dir: string;
  let host: RunningHost;
  let session: Session;
  let depots: DepotRow[];
  let origin: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inrs-e2e-map-'));
    const replica = join(dir, 'replica.db');
    const keyFile = join(dir, 'replica.key');
    inrs(['seed', '--scale', 'tiny', '--out', replica, '--key-file', keyFile]);
    const db = openReplica(replica, readKeyFile(keyFile), { readonly: true });
    depots = db.db.prepare<[], DepotRow>('SELECT code, name_zh AS nameZh, lon, lat FROM depots').all();
    db.close();
    host = await startHost(['out/main/browser-host.js', '--replica', replica, '--key-file', keyFile, '--port', '0']);
    origin = new URL(host.url).origin;
    session = await openChromium();
  });

  afterAll(async () => {
    await session?.close();
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws the basemap, the layers and the province names, from the host alone', async () => {
    const { page } = session;
    await page.goto(host.url);
    const map = await waitForMapReady(page);
    expect(await nonBlankShare(page, map)).toBeGreaterThan(0.3);
    // Names placed on the label layer (maplibre drops colliding ones, so not all 34 in a small slot).
    const labels = (await map.getAttribute('data-rendered-labels'))!.split(',');
    expect(labels.length).toBeGreaterThanOrEqual(12);
    expect(labels).toEqual(expect.arrayContaining(['新疆', '西藏', '内蒙古', '黑龙江', '四川']));
    await expect(page.getByTestId('map-demo-notice').textContent()).resolves.toBe('示意底图，非标准地图');
    await expect(page.getByTestId('map-legend').isVisible()).resolves.toBe(true);
    await session.screenshot('map-zh');
  });

  it('switches to the aggregated view on software rendering, and says so', async () => {
    const map = session.page.getByTestId('map');
    expect(await map.getAttribute('data-render-mode')).toBe('aggregated');
    await expect(session.page.getByTestId('map-render-mode').textContent()).resolves.toBe('软件渲染：聚合视图');
  });

  it('shows a province’s risk on hover and zooms to it on click', async () => {
    const { page } = session;
    const map = await waitForMapReady(page);
    const zoomBefore = Number(await map.getAttribute('data-zoom'));
    // Inside Tibet, away from its centroid where the aggregate circle sits.
    const at = await projectOnMap(map, 84.5, 32.5);
    await page.mouse.move(at.x, at.y);
    const tooltip = page.locator('[data-testid="map-tooltip"][data-kind="province"]');
    await tooltip.waitFor();
    await expect(tooltip.textContent()).resolves.toMatch(/西藏.*风险指数.*风险等级.*储备计划完成率/);
    await session.screenshot('map-province-tooltip');
    await page.mouse.click(at.x, at.y);
    await page.locator('[data-testid="map"][data-selected-province="540000"][data-map-ready="true"]').waitFor({ timeout: 60_000 });
    expect(Number(await map.getAttribute('data-zoom'))).toBeGreaterThan(zoomBefore + 0.5);
    await session.screenshot('map-province-zoom');
  });

  it('draws every depot when asked to, with a tooltip and a click that selects the depot', async () => {
    const { page } = session;
    // The token stays with the tab, so the page can be reopened with another query.
    await page.goto(`${origin}/?render=full`);
    const map = await waitForMapReady(page);
    expect(await map.getAttribute('data-render-mode')).toBe('full');
    const depot = loneliest(depots);
    const at = await projectOnMap(map, depot.lon, depot.lat);
    await page.mouse.move(at.x, at.y);
    const tooltip = page.locator('[data-testid="map-tooltip"][data-kind="depot"]');
    await tooltip.waitFor();
    const text = (await tooltip.textContent())!;
    expect(text).toContain(depot.code);
    expect(text).toContain(depot.nameZh);
    expect(text).toContain('储备计划完成率');
    await session.screenshot('map-depot-tooltip');
    await page.mouse.click(at.x, at.y);
    await page.locator(`[data-testid="map"][data-selected-depot="${depot.code}"]`).waitFor();
  });

  it('follows the language switch', async () => {
    const { page } = session;
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /English/ }).click();
    await expect(page.getByTestId('map-demo-notice').textContent()).resolves.toBe('Illustrative basemap, not a standard map');
    await waitForMapReady(page);
    await session.screenshot('map-en');
  });

  it('had no console error and no request leaving 127.0.0.1', () => {
    expect(session.problems).toEqual([]);
  });
});

describe('a configured standard basemap (--basemap FILE)', () => {
  let dir: string;
  let host: RunningHost;
  let session: Session;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inrs-e2e-basemap-'));
    const replica = join(dir, 'replica.db');
    const keyFile = join(dir, 'replica.key');
    // Any GeoJSON of provinces with adcodes stands in for the agency's map here.
    const standard = join(dir, 'standard-map.geojson');
    copyFileSync(join(ROOT, 'resources', 'basemap', 'provinces.geojson'), standard);
    inrs(['seed', '--scale', 'tiny', '--out', replica, '--key-file', keyFile]);
    host = await startHost(['out/main/browser-host.js', '--replica', replica, '--key-file', keyFile, '--port', '0', '--basemap', standard]);
    session = await openChromium();
  });

  afterAll(async () => {
    await session?.close();
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws it, labelled from its own polygons, without the demo notice', async () => {
    const { page } = session;
    await page.goto(host.url);
    const map = await waitForMapReady(page);
    expect(await map.getAttribute('data-basemap')).toBe('configured');
    expect(await page.getByTestId('map-demo-notice').count()).toBe(0);
    expect((await map.getAttribute('data-rendered-labels'))!.split(',')).toEqual(expect.arrayContaining(['新疆', '西藏']));
    expect(await nonBlankShare(page, map)).toBeGreaterThan(0.3);
    await session.screenshot('map-configured-basemap');
    expect(session.problems).toEqual([]);
  });

  it('refuses to start on a file it cannot use, naming it', async () => {
    const bad = join(dir, 'not-a-map.txt');
    await expect(startHost(['out/main/browser-host.js', '--basemap', bad, '--port', '0'], {}, 30_000)).rejects.toThrow(`basemap ${bad} does not exist`);
  });
});
