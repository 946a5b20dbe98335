import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuleAlertService } from '../src/core/alerts/rule-alert-service';
import { openReplica } from '../src/core/replica/replica';
import { createSituationQueries } from '../src/core/replica/situation';
import { situationFilterSchema, type NationalKpis } from '../src/shared/contract/situation-schemas';
import { createReferenceFold, storedLogs } from '../test/replay/support';
import { openChromium, type Session } from './support/browser';
import { inrs, startHost, type RunningHost } from './support/processes';

const ALL = situationFilterSchema.parse({});
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Moves the time slider to a moment the way a drag ends: the input's value, then its input event. */
async function slideTo(page: Page, ms: number): Promise<void> {
  await page.getByTestId('replay-slider').evaluate((el, value) => {
    const input = el as HTMLInputElement;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, String(value));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, ms);
}

/** The KPI strip's figures as the page shows them (data-value of each tile). */
async function shownKpis(page: Page, classes: readonly string[]) {
  const value = async (id: string) => Number(await page.getByTestId(id).getAttribute('data-value'));
  const persons: Record<string, number> = {};
  for (const cls of classes) persons[cls] = await value(`kpi-persons-${cls}`);
  return {
    persons,
    planCompletion: await value('kpi-plan-completion'),
    depotsUnderFloor: await value('kpi-depots-under-floor'),
    lotsExpiring30: await value('kpi-lots-expiring-30'),
    lotsExpiring90: await value('kpi-lots-expiring-90'),
    openAlerts: await value('kpi-open-alerts'),
    regionsInEmergency: await value('kpi-regions-in-emergency'),
  };
}

function expectKpis(shown: Awaited<ReturnType<typeof shownKpis>>, expected: NationalKpis): void {
  for (const [cls, persons] of Object.entries(expected.personsSupportedByClass)) expect(shown.persons[cls] ?? NaN).toBeCloseTo(persons, 6);
  expect(shown.planCompletion).toBeCloseTo(expected.planCompletion ?? NaN, 9);
  expect(shown).toMatchObject({
    depotsUnderFloor: expected.depotsUnderFloor,
    lotsExpiring30: expected.lotsExpiring30,
    lotsExpiring90: expected.lotsExpiring90,
    openAlerts: expected.openAlerts,
    regionsInEmergency: expected.regionsInEmergency,
  });
}

describe('time slider and offline data-as-of (browser host, offline, seeded replica)', () => {
  let dir: string;
  let replicaFile: string;
  let key: Buffer;
  let host: RunningHost;
  let session: Session;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inrs-e2e-replay-'));
    replicaFile = join(dir, 'replica.db');
    const keyFile = join(dir, 'replica.key');
    inrs(['seed', '--scale', 'tiny', '--out', replicaFile, '--key-file', keyFile]);
    key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex');
    // The live picture counts the shipped rules' alerts: they are evaluated on a copy, as the host evaluates them.
    copyFileSync(replicaFile, join(dir, 'with-rules.db'));
    host = await startHost(['out/main/browser-host.js', '--replica', replicaFile, '--key-file', keyFile, '--port', '0', '--offline']);
    session = await openChromium();
  });

  afterAll(async () => {
    await session?.close();
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens straight from the replica offline and lists each region as stale with its data-as-of', async () => {
    const { page } = session;
    await page.goto(host.url);
    await page.getByTestId('app-ready').waitFor();
    const button = page.getByTestId('asof-button');
    expect(await button.getAttribute('data-offline')).toBe('true');
    await button.click();
    await page.getByTestId('asof-offline').waitFor();
    const hunan = page.getByTestId('asof-430000');
    expect(await hunan.getAttribute('data-stale')).toBe('true');
    const replica = openReplica(replicaFile, key, { readonly: true });
    try {
      const head = replica.queries.stats().regions.find((r) => r.region === '430000');
      expect(await hunan.getAttribute('data-value')).toBe(head?.dataAsOf);
    } finally {
      replica.close();
    }
    await session.screenshot('replay-asof-offline');
    await button.click();
  });

  it('shows the KPIs of a past moment, equal to a fresh fold of the log up to it', async () => {
    const { page } = session;
    await page.getByTestId('replay-slider').waitFor();
    const max = Number(await page.getByTestId('replay-slider').getAttribute('max'));
    const at = Math.floor((max - 10 * DAY) / 1000) * 1000;

    // The independent path: the stored log up to the moment, folded by the projector into a fresh replica.
    const replica = openReplica(replicaFile, key, { readonly: true });
    let expected: NationalKpis;
    let live: NationalKpis;
    try {
      const copy = openReplica(join(dir, 'with-rules.db'), key);
      const rules = createRuleAlertService(copy.db);
      live = createSituationQueries(copy.db, { ruleAlerts: () => ({ alerts: rules.list(), coveredKinds: rules.coveredKinds() }) }).kpis(ALL);
      copy.close();
      const fold = createReferenceFold(dir, storedLogs(replica.db));
      fold.foldTo(at);
      expected = createSituationQueries(fold.replica.db).kpis(ALL);
      fold.replica.close();
    } finally {
      replica.close();
    }
    expect(expected.asOf).not.toBe(live.asOf);

    await slideTo(page, at);
    await page.locator(`[data-testid="replay-marker"][data-loaded-at="${iso(at)}"]`).waitFor();
    expect(await page.getByTestId('replay-at').getAttribute('data-value')).toBe(iso(at));
    expectKpis(await shownKpis(page, Object.keys(expected.personsSupportedByClass)), expected);
    await session.screenshot('replay-past-moment');

    // Play moves the moment forward; pause holds it.
    await page.getByTestId('replay-play').click();
    await page.waitForFunction((start) => {
      const v = document.querySelector('[data-testid="replay-at"]')?.getAttribute('data-value') ?? '';
      return v !== '' && Date.parse(v) > start;
    }, at);
    await page.getByTestId('replay-pause').click();
    await page.getByTestId('replay-play').waitFor();
    const paused = (await page.getByTestId('replay-at').getAttribute('data-value')) ?? '';
    expect(Date.parse(paused)).toBeGreaterThan(at);
    await page.locator(`[data-testid="replay-marker"][data-loaded-at="${paused}"]`).waitFor();
    expect(await page.getByTestId('replay-at').getAttribute('data-value')).toBe(paused);

    // Live returns to the present.
    await page.getByTestId('replay-live').click();
    await page.getByTestId('replay-marker').waitFor({ state: 'detached' });
    await page.waitForFunction(
      (version) => document.querySelector('[data-testid="kpi-strip"]')?.getAttribute('data-version') === version,
      live.dataVersion,
    );
    expectKpis(await shownKpis(page, Object.keys(live.personsSupportedByClass)), live);
  });

  it('had no console error and no request leaving 127.0.0.1', () => {
    expect(session.problems).toEqual([]);
  });
});
