import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuleAlertService, type RuleAlertService } from '../src/core/alerts/rule-alert-service';
import { readKeyFile } from '../src/core/replica/key-file';
import { openReplica, type Replica } from '../src/core/replica/replica';
import { createSituationQueries, type SituationQueries } from '../src/core/replica/situation';
import { situationFilterSchema, type NationalKpis, type SituationFilter } from '../src/shared/contract/situation-schemas';
import { openChromium, type Session } from './support/browser';
import { inrs, startHost, type RunningHost } from './support/processes';
import { groupAlerts } from '../src/shared/domain/alert-groups';

/** The walls in Chromium through the browser host, every figure checked against the core queries on the same replica. */
describe('situation walls on a seeded replica (browser host)', () => {
  let dir: string;
  let host: RunningHost;
  let session: Session;
  let replica: Replica;
  let direct: SituationQueries;
  /** A copy of the seeded file with the shipped rules in force, as the host evaluates them: what the KPIs and the map count. */
  let copy: Replica;
  let withRules: SituationQueries;
  let rules: RuleAlertService;

  const filter = (f: Partial<SituationFilter> = {}) => situationFilterSchema.parse(f);
  const COUNTERS: [keyof NationalKpis, string][] = [
    ['depotsUnderFloor', 'kpi-depots-under-floor'],
    ['lotsExpiring30', 'kpi-lots-expiring-30'],
    ['lotsExpiring90', 'kpi-lots-expiring-90'],
    ['openAlerts', 'kpi-open-alerts'],
    ['regionsInEmergency', 'kpi-regions-in-emergency'],
  ];

  /** Waits until the KPI strip shows exactly the figures of a direct query, then checks each. */
  async function expectKpis(expected: NationalKpis): Promise<void> {
    const { page } = session;
    const classes = Object.keys(expected.personsSupportedByClass).sort();
    await page.waitForFunction(
      ({ classes, alerts }) => {
        const shown = [...document.querySelectorAll('[data-testid^="kpi-persons-"]')].map((e) => e.getAttribute('data-testid')?.slice('kpi-persons-'.length)).sort();
        const open = document.querySelector('[data-testid="kpi-open-alerts"]')?.getAttribute('data-value');
        return JSON.stringify(shown) === JSON.stringify(classes) && open === String(alerts);
      },
      { classes, alerts: expected.openAlerts },
    );
    for (const [key, testId] of COUNTERS) expect(await page.getByTestId(testId).getAttribute('data-value'), key).toBe(String(expected[key]));
    for (const cls of classes) {
      const shown = Number(await page.getByTestId(`kpi-persons-${cls}`).getAttribute('data-value'));
      expect(shown, cls).toBeCloseTo(expected.personsSupportedByClass[cls] ?? -1, 6);
      const plan = Number(await page.getByTestId(`kpi-persons-${cls}`).getAttribute('data-plan'));
      expect(plan, cls).toBeCloseTo(expected.planCompletionByClass[cls] ?? -1, 9);
    }
    expect(Number(await page.getByTestId('kpi-plan-completion').getAttribute('data-value'))).toBeCloseTo(expected.planCompletion ?? -1, 9);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inrs-e2e-walls-'));
    const file = join(dir, 'replica.db');
    const keyFile = join(dir, 'replica.key');
    inrs(['seed', '--scale', 'tiny', '--out', file, '--key-file', keyFile]);
    copyFileSync(file, join(dir, 'expected.db'));
    copy = openReplica(join(dir, 'expected.db'), readKeyFile(keyFile));
    rules = createRuleAlertService(copy.db);
    withRules = createSituationQueries(copy.db, { ruleAlerts: () => ({ alerts: rules.list(), coveredKinds: rules.coveredKinds() }) });
    host = await startHost(['out/main/browser-host.js', '--replica', file, '--key-file', keyFile, '--port', '0']);
    // A second, read-only connection to the same file: what the host must show.
    replica = openReplica(file, readKeyFile(keyFile), { readonly: true });
    direct = createSituationQueries(replica.db);
    session = await openChromium();
  });

  afterAll(async () => {
    await session?.close();
    await host?.stop();
    replica?.close();
    copy?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens on the national overview with the KPIs of the replica', async () => {
    const { page } = session;
    await page.goto(host.url);
    await page.getByTestId('app-ready').waitFor();
    await expect(page.getByTestId('wall').getAttribute('data-wall')).resolves.toBe('national-overview');
    await page.getByTestId('map-slot').waitFor();
    const kpis = withRules.kpis(filter());
    expect(kpis.depotsUnderFloor).toBeGreaterThan(0);
    // The open alerts counted are the rule alerts and the picture's other alerts, as the list shows them.
    expect(kpis.openAlerts).toBe(withRules.snapshot(filter()).alerts.length);
    await expectKpis(kpis);
    await expect.poll(() => page.getByTestId('province-table').locator('tbody tr').count()).toBe(31);
    await session.screenshot('walls-national-overview-zh');
  });

  it('follows a class filter, then a province picked in the table', async () => {
    const { page } = session;
    await page.getByTestId('filter-class-grain').click();
    await expectKpis(withRules.kpis(filter({ classes: ['grain'] })));
    const row = page.getByTestId('province-table').locator('tbody tr[data-adcode="430000"]');
    await row.click();
    await expectKpis(withRules.kpis(filter({ classes: ['grain'], regions: ['430000'] })));
    await expect.poll(() => page.getByTestId('province-table').locator('tbody tr').count()).toBe(1);
    await session.screenshot('walls-filtered-grain-hunan');
    await page.getByTestId('filter-clear').click();
    await expectKpis(withRules.kpis(filter()));
  });

  it('switches walls with the keyboard and the tabs', async () => {
    const { page } = session;
    const wall = () => page.getByTestId('wall').getAttribute('data-wall');
    await page.keyboard.press('PageDown');
    await expect.poll(wall).toBe('region-focus');
    await page.getByTestId('depot-table').waitFor();
    await page.getByTestId('trend-chart').waitFor();
    await session.screenshot('walls-region-focus');
    await page.keyboard.press('PageDown');
    await expect.poll(wall).toBe('category-reserves');
    await page.getByTestId('province-floor-chart').waitFor();
    await session.screenshot('walls-category-reserves');
    await page.keyboard.press('PageUp');
    await expect.poll(wall).toBe('region-focus');
    await page.getByTestId('wall-tab-alerts-tasks').click();
    await expect.poll(wall).toBe('alerts-tasks');
    const snapshot = direct.snapshot(filter());
    // The shipped rules raise the stock and expiry alerts, one line each; the situation picture's
    // other alerts follow grouped. The rules' floor alerts are the situation picture's, depot by class.
    const covered = new Set(['under-floor', 'expiring', 'expired']);
    const others = snapshot.alerts.filter((a) => !covered.has(a.kind));
    await page.getByTestId('rule-alert-list').waitFor();
    const ruleLines = page.locator('[data-testid="rule-alert"]');
    const underFloor = snapshot.alerts.filter((a) => a.kind === 'under-floor').map((a) => `rule:under-floor:depot:${a.depot}:${a.class}`).sort();
    const ruleUnderFloor = await page.locator('[data-testid="rule-alert"][data-rule="under-floor"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? '').sort());
    expect(ruleUnderFloor).toEqual(underFloor);
    const ruleTotal = Number(await page.getByTestId('alerts-title').getAttribute('data-rule-alerts'));
    expect(await ruleLines.count()).toBe(Math.min(ruleTotal, 200));
    await expect(page.getByTestId('alerts-title').getAttribute('data-value')).resolves.toBe(String(others.length + ruleTotal));
    // Consumption anomalies are listed with their finding: the day, the value and the band or level expected.
    const anomalies = rules.list().filter((a) => a.ruleId === 'consumption-anomaly');
    const anomalyLines = page.locator('[data-testid="rule-alert"][data-rule="consumption-anomaly"]');
    await expect(anomalyLines.count()).resolves.toBe(anomalies.length);
    await expect(anomalyLines.locator('[data-testid="rule-alert-evidence"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-day')).sort())).resolves.toEqual(
      anomalies.map((a) => a.evidence?.day).sort(),
    );
    // The list counts what the KPI strip counts.
    expect(others.length + ruleTotal).toBe(withRules.kpis(filter()).openAlerts);
    // Every group is listed (the list scrolls inside its panel): the count shown is the rows there.
    const groups = groupAlerts(others).length;
    await expect(page.getByTestId('alerts-title').getAttribute('data-groups')).resolves.toBe(String(groups));
    await expect(page.locator('[data-testid="alert-list"] > li').count()).resolves.toBe(groups);
    await expect(page.getByTestId('tasks-title').getAttribute('data-value')).resolves.toBe(String(snapshot.transfers.length));
    const instructions = direct.instructions(filter(), 50);
    await page.locator(`[data-testid="instruction-table"] tr[data-id="${instructions[0]?.id}"]`).waitFor();
    await expect(page.getByTestId('instruction-table').getAttribute('data-count')).resolves.toBe(String(instructions.length));
    expect(page.url()).toContain('wall=alerts-tasks');
    await session.screenshot('walls-alerts-tasks');
  });

  it('opens the wall named in the address', async () => {
    const { page } = session;
    const url = new URL(page.url());
    url.searchParams.set('wall', 'category-reserves');
    await page.goto(url.toString());
    await page.getByTestId('app-ready').waitFor();
    await expect(page.getByTestId('wall').getAttribute('data-wall')).resolves.toBe('category-reserves');
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByTestId('wall').getAttribute('data-wall')).toBe('national-overview');
  });

  it('finds a depot by code and shows its stock in the drawer', async () => {
    const { page } = session;
    const code = direct.snapshot(filter()).depots[3]?.code ?? '';
    const detail = direct.depotDetail(code);
    expect(detail?.stock.length).toBeGreaterThan(0);
    await page.keyboard.press('/');
    await page.getByTestId('search-input').fill(code);
    await page.locator(`[data-testid="search-results"][data-query="${code}"] button[data-code="${code}"]`).waitFor();
    await page.keyboard.press('Enter');
    const drawer = page.locator(`[data-testid="depot-drawer"][data-code="${code}"][data-ready="true"]`);
    await drawer.waitFor();
    for (const s of detail?.stock ?? []) {
      await expect(drawer.locator(`[data-testid="drawer-stock"] tr[data-category="${s.category}"]`).getAttribute('data-value')).resolves.toBe(String(s.quantity));
    }
    await expect.poll(() => drawer.locator('[data-testid="drawer-movements"] tbody tr').count()).toBe(detail?.movements.length ?? -1);
    await session.screenshot('walls-depot-drawer');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('depot-drawer').count()).toBe(0);
  });

  it('switches to English', async () => {
    const { page } = session;
    await page.getByTestId('lang-en').click();
    await expect(page.getByTestId('wall-tab-national-overview').textContent()).resolves.toBe('National overview');
    await expect(page.getByTestId('province-table').textContent()).resolves.toContain('Hunan');
    await session.screenshot('walls-national-overview-en');
  });

  it('had no console error and no request leaving 127.0.0.1', () => {
    expect(session.problems).toEqual([]);
  });
});
