import { describe, expect, it } from 'vitest';
import { createInrsApi, HAZARD_MAX_CHARS, type ChannelName, type HazardView, type Result, type ScenarioRun } from '../../../../shared/contract';
import { simulationScenarioSchema } from '../../../../shared/domain/simulation-scenario';
import { translate } from '../../i18n';
import { importErrorText } from './import-error';
import { createScenarioStore } from './scenario-store';

const scenario = simulationScenarioSchema.parse({
  title: 'flood.geojson',
  days: 3,
  affected: [{ region: '430000', population: 1000, onsetDay: 0, durationDays: 3 }],
  plans: [
    { id: 'affected-regions', sourceRegions: ['430000'], dailyTransportTonnes: null, replenishLeadDays: null, belowFloor: false },
    { id: 'all-regions', sourceRegions: 'all', dailyTransportTonnes: null, replenishLeadDays: null, belowFloor: false },
  ],
});
const hazard: HazardView = {
  fileName: 'flood.geojson',
  importedAt: '2026-07-10T00:00:00.000Z',
  features: [],
  regions: [],
  areaKm2: 1,
  outsideKm2: 0,
  population: 1000,
  scenario,
};
const summary = (s: number, cost: number) => ({ shortfallPersonDays: s, transportHours: 1, tonneKm: 1, cost, costBreakdown: { transport: 0, handling: 0, procurement: 0 }, regionsBelowFloor: [] });
const run: ScenarioRun = {
  scenario,
  at: '2026-07-10T01:00:00.000Z',
  result: {
    days: 3,
    categories: [{ code: 'WA', unit: '箱', unitEn: 'case', basis: 'daily', personDaysPerUnit: 4 }],
    plans: [
      { id: 'affected-regions', days: [], flows: [], stock: [], summary: summary(50, 1) },
      { id: 'all-regions', days: [], flows: [], stock: [], summary: summary(0, 9) },
    ],
    model: { plans: [] },
  },
};
const file = (name: string, text: string) => ({ name, text: () => Promise.resolve(text) });

/** A host stand-in over the real contract API: answers as told, pushes progress while a run goes, records calls. */
function fakeHost(answers: Partial<Record<ChannelName, (request: unknown) => Result<unknown> | Promise<Result<unknown>>>>) {
  const calls: { channel: ChannelName; request: unknown }[] = [];
  const listeners = new Set<(payload: unknown) => void>();
  const api = createInrsApi(
    async (channel, request) => {
      calls.push({ channel, request });
      if (channel === 'scenario:run') {
        const runId = (request as { runId: string }).runId;
        for (const l of listeners) {
          l({ runId: 'another-window', phase: 'solving', done: 9, total: 9 });
          l({ runId, phase: 'solving', done: 2, total: 5 });
        }
      }
      return (await answers[channel]?.(request)) ?? { ok: true, value: null };
    },
    (_name, listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  );
  return { api, calls };
}

describe('scenario store', () => {
  it('imports a hazard file into a draft; a refused file changes nothing and says why in the officer’s language', async () => {
    const host = fakeHost({
      'hazard:import': (r) =>
        (r as { fileName: string }).fileName === 'bad.geojson'
          ? { ok: false, error: { code: 'bad-request', message: 'hazard:import: bad.geojson: features[1] (id "TY-7").properties.level: must be one of blue, yellow, orange, red', details: { cause: 'hazard-input', problem: 'feature' } } }
          : { ok: true, value: hazard },
    });
    const store = createScenarioStore(() => host.api);
    await store.getState().actions.importFile(file('flood.geojson', '{"type":"FeatureCollection"}'));
    expect(store.getState().hazard).toBe(hazard);
    expect(store.getState().draft?.plans.map((p) => p.id)).toEqual(['affected-regions', 'all-regions']);
    store.getState().actions.editPlan(1, { transport: '500' });
    const draft = store.getState().draft;

    await store.getState().actions.importFile(file('bad.geojson', '{}'));
    const state = store.getState();
    expect(state.hazard).toBe(hazard);
    expect(state.draft).toBe(draft);
    expect(state.importing.status).toBe('failed');
    if (state.importing.status !== 'failed') return;
    const zh = importErrorText((k, p) => translate('zh-CN', k, p), 'bad.geojson', state.importing.failure);
    expect(zh).toBe('bad.geojson 中有预警区不符合格式：features[1] (id "TY-7").properties.level: must be one of blue, yellow, orange, red。未作任何更改。');
    const en = importErrorText((k, p) => translate('en', k, p), 'bad.geojson', state.importing.failure);
    expect(en).toContain('A warned area in bad.geojson breaks the format: features[1] (id "TY-7")');
  });

  it('refuses a file too large for the bridge before sending it', async () => {
    const host = fakeHost({});
    const store = createScenarioStore(() => host.api);
    await store.getState().actions.importFile(file('huge.geojson', 'x'.repeat(HAZARD_MAX_CHARS + 1)));
    expect(host.calls).toEqual([]);
    expect(store.getState().importing).toMatchObject({ status: 'failed', failure: { kind: 'too-large' } });
    const state = store.getState().importing;
    if (state.status === 'failed') expect(importErrorText((k, p) => translate('en', k, p), 'huge.geojson', state.failure)).toBe('huge.geojson is too large (879 KB): a warning file may be at most 878 KB. Nothing was changed.');
  });

  it('runs with its own run id, follows only its own progress, and shows the best plan first', async () => {
    const host = fakeHost({ 'scenario:run': () => ({ ok: true, value: run }) });
    const store = createScenarioStore(() => host.api);
    const seen: unknown[] = [];
    const off = store.subscribe((s) => s.run.status === 'running' && s.run.progress && seen.push(s.run.progress));
    await store.getState().actions.run(scenario);
    off();
    const request = host.calls.find((c) => c.channel === 'scenario:run')?.request as { runId: string };
    expect(seen).toEqual([{ runId: request.runId, phase: 'solving', done: 2, total: 5 }]);
    expect(store.getState().result).toEqual(run);
    expect(store.getState().view).toEqual({ plan: 'all-regions', day: 0, category: 'WA' });
  });

  it('a cancelled run goes back to idle and keeps the last result; another failure is shown', async () => {
    let release: (r: Result<unknown>) => void = () => {};
    const host = fakeHost({ 'scenario:run': () => new Promise((resolve) => (release = resolve)) });
    const store = createScenarioStore(() => host.api);
    const running = store.getState().actions.run(scenario);
    await Promise.resolve();
    await store.getState().actions.cancel();
    const runId = (host.calls.find((c) => c.channel === 'scenario:run')?.request as { runId: string }).runId;
    expect(host.calls.find((c) => c.channel === 'scenario:cancel')?.request).toEqual({ runId });
    release({ ok: false, error: { code: 'cancelled', message: 'scenario:run: the simulation was cancelled' } });
    await running;
    expect(store.getState().run).toEqual({ status: 'idle' });

    const failing = fakeHost({ 'scenario:run': () => ({ ok: false, error: { code: 'bad-request', message: 'scenario:run: invalid scenario' } }) });
    const other = createScenarioStore(() => failing.api);
    await other.getState().actions.run(scenario);
    expect(other.getState().run).toMatchObject({ status: 'failed', error: { code: 'bad-request' } });
  });

  it('restores the hazard and the last run the host kept', async () => {
    const host = fakeHost({ 'scenario:current': () => ({ ok: true, value: { hazard, run } }) });
    const store = createScenarioStore(() => host.api);
    await store.getState().actions.restore();
    expect(store.getState().hazard).toEqual(hazard);
    expect(store.getState().result).toEqual(run);
    expect(store.getState().draft?.affected).toEqual([{ region: '430000', population: '1000', onset: '1', duration: '3' }]);
  });
});
