import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NationalKpis, SituationFilter } from '../src/shared/contract/situation-schemas';
import { readKeyFile } from '../src/core/replica/key-file';
import { openReplica } from '../src/core/replica/replica';
import { createSituationQueries } from '../src/core/replica/situation';
import { DEMO_KEY_FILE, DEMO_REPLICA } from '../src/main/host/data-dir';
import { openDemoHost, type DemoHost } from './support/demo-host';
import { projectOnMap, waitForMapReady } from './support/map-view';

const TIBET = '540000';
const filterOf = (regions: string[]): SituationFilter => ({ classes: [], categories: [], regions, riskBands: [] });

/**
 * Clicking the map filters every panel, KPIs included, and a second click clears it: on a
 * province polygon (Tibet, away from its aggregate circle) and on an aggregate circle, on the
 * live tiny demo whose replica keeps changing while the officer clicks.
 */
describe('map click filters every panel (browser host, live tiny demo, software WebGL)', () => {
  let demo: DemoHost;
  let origin: string;

  /** The KPIs and provinces of a filter, read straight from the demo's replica by the test itself. */
  const direct = (regions: string[]) => {
    const replica = openReplica(join(demo.dataDir, DEMO_REPLICA), readKeyFile(join(demo.dataDir, DEMO_KEY_FILE)), { readonly: true });
    try {
      const queries = createSituationQueries(replica.db);
      return { kpis: queries.kpis(filterOf(regions)), snapshot: queries.snapshot(filterOf(regions)) };
    } finally {
      replica.close();
    }
  };

  /** Waits until the page's grain KPI is within 5 % of the replica's (live sync moves it a little). */
  const kpisFollow = async (page: Page, expected: NationalKpis) => {
    const want = expected.personsSupportedByClass.grain ?? 0;
    await page.waitForFunction(
      (w) => {
        const v = Number(document.querySelector('[data-testid="kpi-persons-grain"]')?.getAttribute('data-value'));
        return Number.isFinite(v) && Math.abs(v - w) <= Math.max(0.05 * w, 0.01);
      },
      want,
      { timeout: 15_000 },
    );
  };

  /** Every panel of the overview shows the situation loaded for exactly these regions. */
  const panelsShow = async (page: Page, regions: string[]) => {
    await page.locator(`[data-testid="map-slot"][data-loaded-regions="${regions.join(',')}"]`).waitFor({ timeout: 15_000 });
    const rows = await page.locator('[data-testid="province-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-adcode')));
    if (regions.length > 0) expect(rows).toEqual(regions);
    else expect(rows.length).toBeGreaterThan(1);
  };

  /** Most situation reads the page had waiting at once: live sync must not pile them up ahead of a pick. */
  let mostWaiting = 0;

  beforeAll(async () => {
    demo = await openDemoHost('inrs-e2e-map-click-');
    origin = new URL(demo.host.url).origin;
    // Per page load: a reload abandons the reads its predecessor had waiting.
    demo.session.page.on('websocket', (ws) => {
      const waiting = new Set<number>();
      ws.on('framesent', ({ payload }) => {
        const call = JSON.parse(String(payload)) as { id?: number; channel?: string };
        if (call.channel === 'situation:snapshot' && call.id !== undefined) waiting.add(call.id);
        mostWaiting = Math.max(mostWaiting, waiting.size);
      });
      ws.on('framereceived', ({ payload }) => {
        const frame = JSON.parse(String(payload)) as { kind?: string; id?: number };
        if (frame.kind === 'result' && frame.id !== undefined) waiting.delete(frame.id);
      });
    });
  });

  afterAll(() => demo?.close());

  it('filters to a province clicked on its polygon, KPIs included, and clears on a second click', async () => {
    const { page } = demo.session;
    await page.goto(demo.host.url);
    let map = await waitForMapReady(page);
    const national = direct([]).kpis;
    const tibet = direct([TIBET]).kpis;
    // The test would prove nothing if the two pictures could not be told apart.
    expect(Math.abs((tibet.personsSupportedByClass.grain ?? 0) - (national.personsSupportedByClass.grain ?? 0))).toBeGreaterThan(0.1 * (national.personsSupportedByClass.grain ?? 0));
    await kpisFollow(page, national);

    const at = await projectOnMap(map, 84.5, 32.5);
    await page.mouse.move(at.x, at.y);
    await page.locator('[data-testid="map-tooltip"][data-kind="province"]').waitFor();
    await page.mouse.click(at.x, at.y);
    await panelsShow(page, [TIBET]);
    await kpisFollow(page, direct([TIBET]).kpis);
    await page.locator(`[data-testid="map"][data-selected-province="${TIBET}"]`).waitFor();
    await demo.session.screenshot('map-click-province');

    // The camera has moved to Tibet: click it again where it now lies.
    map = await waitForMapReady(page);
    const again = await projectOnMap(map, 84.5, 32.5);
    await page.mouse.click(again.x, again.y);
    await panelsShow(page, []);
    await kpisFollow(page, direct([]).kpis);
    await page.locator('[data-testid="map"][data-selected-province=""]').waitFor();
  });

  it('filters to a province clicked on its aggregate circle, and clears on a second click', async () => {
    const { page } = demo.session;
    await page.goto(`${origin}/?render=aggregated`);
    const map = await waitForMapReady(page);
    expect(await map.getAttribute('data-render-mode')).toBe('aggregated');
    // The province with depots whose circle lies farthest from every other circle.
    const { snapshot } = direct([]);
    const withDepots = snapshot.provinces.filter((p) => snapshot.depots.some((d) => d.region === p.adcode));
    const gap = (p: (typeof withDepots)[number]) => Math.min(...withDepots.filter((o) => o !== p).map((o) => Math.hypot(o.centroid[0] - p.centroid[0], o.centroid[1] - p.centroid[1])));
    const target = [...withDepots].sort((a, b) => gap(b) - gap(a))[0]!;

    const at = await projectOnMap(map, target.centroid[0], target.centroid[1]);
    await page.mouse.move(at.x, at.y);
    await page.locator('[data-testid="map-tooltip"][data-kind="aggregate"]').waitFor();
    await page.mouse.click(at.x, at.y);
    await panelsShow(page, [target.adcode]);
    await kpisFollow(page, direct([target.adcode]).kpis);
    await demo.session.screenshot('map-click-cluster');

    const moved = await waitForMapReady(page);
    const again = await projectOnMap(moved, target.centroid[0], target.centroid[1]);
    await page.mouse.move(again.x, again.y);
    await page.locator('[data-testid="map-tooltip"][data-kind="aggregate"]').waitFor();
    await page.mouse.click(again.x, again.y);
    await panelsShow(page, []);
    await kpisFollow(page, direct([]).kpis);
  });

  it('never had more than a refresh and a pick waiting, however often the replica changed', () => {
    expect(mostWaiting).toBeGreaterThan(0);
    expect(mostWaiting).toBeLessThanOrEqual(2);
  });

  it('had no console error', () => {
    expect(demo.session.problems).toEqual([]);
  });
});
