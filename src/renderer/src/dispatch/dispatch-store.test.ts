import { describe, expect, it } from 'vitest';
import { createInrsApi, type ChannelName, type DispatchRecommendation, type PlanFlow, type Result } from '../../../shared/contract';
import { createDispatchStore, NO_TRANSPORT_LIMIT, scenarioOf } from './dispatch-store';

const flow = (from: string, fromRegion: string, category: string, quantity: number): PlanFlow => ({
  from,
  fromName: from,
  fromNameEn: from,
  fromRegion,
  fromLon: 112,
  fromLat: 28,
  to: '430000',
  toName: '湖南省',
  toNameEn: 'Hunan',
  toLon: 111.78,
  toLat: 28.09,
  category,
  categoryName: category,
  categoryNameEn: category,
  unit: '顶',
  unitEn: 'tent',
  quantity,
  hours: 1.5,
  available: quantity + 10,
});

const recommendation = {
  scenario: { regions: ['430000'], population: { '430000': 1000 }, durationDays: 3, coldSeason: false },
  plan: { flows: [flow('HN-CS', '430000', 'SH-TENT', 200), flow('SC-CD', '510000', 'GR-RICE', 12)], shortfalls: [], objective: 1, status: 'optimal' },
  explanation: { demandByCategory: [], supplyByCategory: [], binding: [], shortfalls: [], notes: [] },
  areas: [],
  size: { depots: 2, demandPoints: 1, categories: 2 },
  solveMillis: 3,
} as unknown as DispatchRecommendation;

/** A host stand-in over the real contract API: records calls, pushes progress events while a recommendation runs. */
function fakeHost(issue: Result<unknown> = { ok: true, value: { results: [] } }) {
  const calls: { channel: ChannelName; request: unknown }[] = [];
  const listeners = new Set<(payload: unknown) => void>();
  const api = createInrsApi(
    async (channel, request) => {
      calls.push({ channel, request });
      if (channel === 'dispatch:recommend') {
        const runId = (request as { runId: string }).runId;
        for (const l of listeners) {
          l({ runId: 'someone-else', phase: 'solving', done: 9, total: 9 });
          l({ runId, phase: 'solving', done: 1, total: 2 });
        }
        await Promise.resolve();
        return { ok: true, value: recommendation };
      }
      if (channel === 'dispatch:issue') return issue;
      return { ok: true, value: null };
    },
    (_name, listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  );
  return { api, calls, listeners };
}

describe('dispatch store', () => {
  it('takes a scenario only when every figure is a whole number in range', () => {
    const form = { regions: ['430000'], people: { '430000': '200000' }, days: '7', coldSeason: true, touched: true, sources: null, transport: NO_TRANSPORT_LIMIT };
    expect(scenarioOf(form)).toEqual({ regions: ['430000'], population: { '430000': 200000 }, durationDays: 7, coldSeason: true });
    // A simulated plan's source provinces go with the scenario.
    expect(scenarioOf({ ...form, sources: { plan: 'own', regions: ['430000', '420000'] } })).toEqual({
      regions: ['430000'],
      population: { '430000': 200000 },
      durationDays: 7,
      coldSeason: true,
      sourceRegions: ['430000', '420000'],
    });
    expect(scenarioOf({ ...form, days: '0' })).toBeNull();
    expect(scenarioOf({ ...form, days: '91' })).toBeNull();
    expect(scenarioOf({ ...form, people: { '430000': '1.5' } })).toBeNull();
    expect(scenarioOf({ ...form, regions: [] })).toBeNull();
    // The lorries: a limit goes with the scenario once typed, and must be valid to be taken.
    expect(scenarioOf({ ...form, transport: { tonnesPerDay: '120.5', days: '2', civilian: true } })?.transport).toEqual({ tonnesPerDay: 120.5, days: 2, civilian: true });
    expect(scenarioOf({ ...form, transport: { tonnesPerDay: ' ', days: 'x', civilian: true } })?.transport).toBeUndefined();
    expect(scenarioOf({ ...form, transport: { tonnesPerDay: '-3', days: '2', civilian: false } })).toBeNull();
    expect(scenarioOf({ ...form, transport: { tonnesPerDay: '50', days: '0', civilian: false } })).toBeNull();
  });

  it('recommends with its own run id, follows only its own progress, and opens the plan on the map', async () => {
    const host = fakeHost();
    const store = createDispatchStore(() => host.api);
    const { setRegions, recommend } = store.getState().actions;
    setRegions(['430000']);
    expect(store.getState().form.people).toEqual({ '430000': '100000' });

    const seen: unknown[] = [];
    const off = store.subscribe((s) => seen.push(s.run));
    await recommend();
    off();
    const request = host.calls.find((c) => c.channel === 'dispatch:recommend')?.request as { runId: string; scenario: unknown };
    expect(request.scenario).toEqual({ regions: ['430000'], population: { '430000': 100000 }, durationDays: 7, coldSeason: false });
    expect(seen).toContainEqual({ status: 'running', runId: request.runId, progress: { runId: request.runId, phase: 'solving', done: 1, total: 2 } });
    expect(seen).not.toContainEqual(expect.objectContaining({ progress: expect.objectContaining({ runId: 'someone-else' }) }));
    expect(host.listeners.size).toBe(0);

    const s = store.getState();
    expect(s.run).toEqual({ status: 'idle' });
    expect(s.lines).toHaveLength(2);
    expect(s.mapCategory).toBe('SH-TENT');
    expect(s.arcs?.map((a) => [a.from, a.quantity])).toEqual([['HN-CS', 200]]);
  });

  it('edits change the arcs; closing the plan takes them off the map', async () => {
    const store = createDispatchStore(() => fakeHost().api);
    store.getState().actions.setRegions(['430000']);
    await store.getState().actions.recommend();
    const before = store.getState().arcs;
    store.getState().actions.edit({ type: 'set', key: 'HN-CS|430000|SH-TENT', text: '150' });
    expect(store.getState().arcs).not.toBe(before);
    expect(store.getState().arcs?.[0]?.quantity).toBe(150);
    store.getState().actions.setMapCategory('GR-RICE');
    expect(store.getState().arcs?.map((a) => a.from)).toEqual(['SC-CD']);
    store.getState().actions.close();
    expect(store.getState()).toMatchObject({ recommendation: null, lines: [], arcs: null });
  });

  it('issues the edited lines after a confirmation and keeps each region’s answer, or the host error', async () => {
    const results = [{ region: '430000', instructionId: 'DSP-20260101-AAAAAA-430000', lines: 1, status: 'accepted', code: null, reason: null, seq: 9 }];
    const host = fakeHost({ ok: true, value: { results } });
    const store = createDispatchStore(() => host.api);
    store.getState().actions.setRegions(['430000']);
    await store.getState().actions.recommend();
    store.getState().actions.edit({ type: 'remove', key: 'SC-CD|430000|GR-RICE' });
    store.getState().actions.askIssue();
    expect(store.getState().issue).toEqual({ status: 'confirming' });
    await store.getState().actions.issue('湖南 3 天');
    expect(host.calls.find((c) => c.channel === 'dispatch:issue')?.request).toEqual({ lines: [{ from: 'HN-CS', to: '430000', category: 'SH-TENT', quantity: 200 }], label: '湖南 3 天' });
    expect(store.getState().issue).toEqual({ status: 'done', results });

    const failing = createDispatchStore(() => fakeHost({ ok: false, error: { code: 'not-connected', message: 'dispatch:issue: offline' } }).api);
    failing.getState().actions.setRegions(['430000']);
    await failing.getState().actions.recommend();
    await failing.getState().actions.issue('x');
    expect(failing.getState().issue).toEqual({ status: 'failed', error: { code: 'not-connected', message: 'dispatch:issue: offline' } });
  });
});

describe('the open plan is kept by the host', () => {
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('saves the plan on arrival and after edits, and forgets it when closed', async () => {
    const host = fakeHost();
    const store = createDispatchStore(() => host.api);
    store.getState().actions.setRegions(['430000']);
    await store.getState().actions.recommend();
    await wait(10);
    const saves = () => host.calls.filter((c) => c.channel === 'dispatch:plan-save').map((c) => (c.request as { plan: { lines: { key: string; text: string }[] } }).plan);
    expect(saves()).toHaveLength(1);
    store.getState().actions.edit({ type: 'set', key: 'HN-CS|430000|SH-TENT', text: '150' });
    await wait(400);
    expect(saves().at(-1)?.lines.find((l) => l.key === 'HN-CS|430000|SH-TENT')?.text).toBe('150');
    store.getState().actions.close();
    expect(host.calls.at(-1)).toEqual({ channel: 'dispatch:plan-clear', request: { regions: ['430000'] } });
  });

  it('restores the kept plan with its edits, unless the officer already opened one', async () => {
    const saved = { recommendation, lines: [{ key: 'SC-CD|430000|GR-RICE', text: '7', removed: true }], mapCategory: 'GR-RICE', savedAt: '2026-12-01T00:00:00Z' };
    const api = createInrsApi(async (channel) => (channel === 'dispatch:plan-current' ? { ok: true, value: saved } : { ok: true, value: null }), () => () => {});
    const store = createDispatchStore(() => api);
    await store.getState().actions.restore();
    const s = store.getState();
    expect(s.recommendation).toBe(recommendation);
    expect(s.mapCategory).toBe('GR-RICE');
    expect(s.form.regions).toEqual(['430000']);
    expect(s.lines.map((l) => [l.key, l.text, l.removed])).toEqual([
      ['HN-CS|430000|SH-TENT', '200', false],
      ['SC-CD|430000|GR-RICE', '7', true],
    ]);

    const busy = createDispatchStore(() => api);
    busy.getState().actions.setRegions(['510000']);
    await busy.getState().actions.restore();
    expect(busy.getState().recommendation).toBeNull();
  });
});
