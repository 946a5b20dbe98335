import { describe, expect, it, vi } from 'vitest';
import { createInrsApi, type NationalKpis, type Situation, type SituationFilter } from '../../../shared/contract';
import { EMPTY_FILTER } from '../filters/filter-reducer';
import { createSituationStore } from './situation-store';

const situation = (dataVersion: string): Situation => ({ dataVersion, asOf: null, provinces: [], depots: [], transfers: [], alerts: [] });
const kpis = (openAlerts: number): NationalKpis => ({
  asOf: null,
  dataVersion: 'v',
  personsSupportedByClass: {}, planCompletionByClass: {}, planCompletion: null,
  depotsUnderFloor: 0,
  lotsExpiring30: 0,
  lotsExpiring90: 0,
  openAlerts,
  regionsInEmergency: 0,
});

/** A host stand-in over the real contract API whose answers the test releases in any order. */
function fakeHost() {
  const waiting: { filter: SituationFilter; release: () => void }[] = [];
  const api = createInrsApi(
    async (channel, request) => {
      const filter = (request as { filter: SituationFilter }).filter;
      await new Promise<void>((release) => waiting.push({ filter, release }));
      const n = filter.regions.length;
      return channel === 'situation:snapshot' ? { ok: true, value: situation(`v${n}`) } : { ok: true, value: kpis(n) };
    },
    () => () => {},
  );
  return { api, waiting };
}

describe('situation store', () => {
  it('keeps the answer to the latest filter when an older one arrives last', async () => {
    const host = fakeHost();
    const store = createSituationStore(() => host.api);
    const older = store.getState().actions.load(EMPTY_FILTER);
    const newer = store.getState().actions.load({ ...EMPTY_FILTER, regions: ['430000'] });
    await Promise.resolve();
    for (const w of host.waiting.slice(2)) w.release();
    await newer;
    for (const w of host.waiting.slice(0, 2)) w.release();
    await older;
    expect(store.getState().situation?.dataVersion).toBe('v1');
    expect(store.getState().kpis?.openAlerts).toBe(1);
    expect(store.getState().loadedFilter?.regions).toEqual(['430000']);
  });

  it('folds the refreshes asked for while a request is on its way into one that follows it', async () => {
    const host = fakeHost();
    const store = createSituationStore(() => host.api);
    const first = store.getState().actions.load(EMPTY_FILTER);
    // Live sync: the replica changes many times while the first answer is being computed.
    const refreshes = Array.from({ length: 10 }, () => store.getState().actions.refresh());
    await Promise.resolve();
    expect(host.waiting).toHaveLength(2);
    for (const w of host.waiting.splice(0)) w.release();
    await first;
    await vi.waitFor(() => expect(host.waiting).toHaveLength(2));
    for (const w of host.waiting.splice(0)) w.release();
    await Promise.all(refreshes);
    expect(host.waiting).toHaveLength(0);
  });

  it('sends an officer’s pick at once, ahead of a waiting refresh, and shows its snapshot and KPIs together', async () => {
    const host = fakeHost();
    const store = createSituationStore(() => host.api);
    const first = store.getState().actions.load(EMPTY_FILTER);
    void store.getState().actions.refresh();
    const pick = store.getState().actions.load({ ...EMPTY_FILTER, regions: ['540000'] });
    await Promise.resolve();
    // The pick's two reads are on their way beside the refresh it made pointless.
    expect(host.waiting.map((w) => w.filter.regions)).toEqual([[], [], ['540000'], ['540000']]);
    for (const w of host.waiting.splice(0)) w.release();
    await Promise.all([first, pick]);
    expect(store.getState().situation?.dataVersion).toBe('v1');
    expect(store.getState().kpis?.openAlerts).toBe(1);
    // The refresh that waited reads the picked province's live data again, once.
    await vi.waitFor(() => expect(host.waiting.map((w) => w.filter.regions)).toEqual([['540000'], ['540000']]));
    for (const w of host.waiting.splice(0)) w.release();
  });

  it('does not refresh a past moment when the replica changes', async () => {
    const host = fakeHost();
    const store = createSituationStore(() => host.api);
    const past = store.getState().actions.load(EMPTY_FILTER, '2026-01-01T00:00:00.000Z');
    await Promise.resolve();
    for (const w of host.waiting.splice(0)) w.release();
    await past;
    await store.getState().actions.refresh();
    expect(host.waiting).toHaveLength(0);
  });

  it('reports a host error and keeps the last data', async () => {
    const api = createInrsApi(async () => ({ ok: false, error: { code: 'replica-unavailable', message: 'closed' } }), () => () => {});
    const store = createSituationStore(() => api);
    await store.getState().actions.load(EMPTY_FILTER);
    expect(store.getState().error).toEqual({ code: 'replica-unavailable', message: 'closed' });
    expect(store.getState().situation).toBeNull();
  });
});
