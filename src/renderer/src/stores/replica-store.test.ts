import { describe, expect, it } from 'vitest';
import {
  createInrsApi,
  type ChannelName,
  type ProvinceAggregate,
  type ReplicaStats,
  type Result,
} from '../../../shared/contract';
import { createReplicaStore } from './replica-store';

const stats = (events: number): ReplicaStats => ({
  depots: 2,
  lots: 3,
  events,
  categories: 4,
  regions: [],
  chainHead: 'ab',
});
const hunan: ProvinceAggregate = { adcode: '430000', nameZh: '湖南省', nameEn: 'Hunan', depots: 2, lots: 3, stockByClass: {} };

/** A host stand-in over the real contract API; each stats call answers the next result. */
function fakeHost(statsResults: Result<ReplicaStats>[]) {
  const calls: ChannelName[] = [];
  let emit: (payload: unknown) => void = () => {};
  const api = createInrsApi(
    async (channel) => {
      calls.push(channel);
      await Promise.resolve();
      if (channel === 'replica:stats') return statsResults.shift() ?? { ok: true, value: stats(-1) };
      return { ok: true, value: [hunan] };
    },
    (_name, listener) => {
      emit = listener;
      return () => {
        emit = () => {};
      };
    },
  );
  return { api, calls, emit: (p: unknown) => emit(p) };
}

describe('replica store', () => {
  it('loads stats and provinces, keeping the last good data when a load fails', async () => {
    const host = fakeHost([
      { ok: true, value: stats(10) },
      { ok: false, error: { code: 'replica-unavailable', message: 'locked' } },
    ]);
    const store = createReplicaStore(() => host.api);
    await store.getState().actions.load();
    expect(store.getState()).toMatchObject({ stats: { events: 10 }, provinces: [hunan], error: null, loading: false });
    await store.getState().actions.load();
    expect(store.getState()).toMatchObject({ stats: { events: 10 }, error: { code: 'replica-unavailable' } });
  });

  it('reloads on replica:changed and coalesces loads requested meanwhile into one', async () => {
    const host = fakeHost([{ ok: true, value: stats(1) }, { ok: true, value: stats(2) }]);
    const store = createReplicaStore(() => host.api);
    const stop = store.getState().actions.start();
    host.emit({ regions: ['430000'] });
    host.emit({ regions: ['430000'] });
    await store.getState().actions.load();
    expect(host.calls.filter((c) => c === 'replica:stats')).toHaveLength(2);
    expect(store.getState().stats?.events).toBe(2);
    stop();
  });
});
