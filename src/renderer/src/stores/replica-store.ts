import { create } from 'zustand';
import type { HostErrorInfo, InrsApi, ProvinceAggregate, ReplicaStats } from '../../../shared/contract';
import { getInrs } from '../bridge';

export interface ReplicaState {
  stats: ReplicaStats | null;
  provinces: ProvinceAggregate[];
  loading: boolean;
  /** Last failed load; cleared by the next successful one. Older data stays on screen. */
  error: HostErrorInfo | null;
  actions: {
    /** Loads stats and provinces; a call during a load queues one more load after it. */
    load(): Promise<void>;
    /** Loads now and again on every `replica:changed`; returns the unsubscribe. */
    start(): () => void;
  };
}

export function createReplicaStore(api: () => InrsApi) {
  let running: Promise<void> | null = null;
  let again = false;

  return create<ReplicaState>()((set, get) => {
    const loadOnce = async (): Promise<void> => {
      set({ loading: true });
      const [stats, provinces] = await Promise.all([api().replica.stats(), api().replica.provinces()]);
      if (!stats.ok) set({ loading: false, error: stats.error });
      else if (!provinces.ok) set({ loading: false, error: provinces.error });
      else set({ loading: false, error: null, stats: stats.value, provinces: provinces.value });
    };

    const load = (): Promise<void> => {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        try {
          do {
            again = false;
            await loadOnce();
          } while (again);
        } finally {
          running = null;
        }
      })();
      return running;
    };

    return {
      stats: null,
      provinces: [],
      loading: false,
      error: null,
      actions: {
        load,
        start: () => {
          const off = api().events.on('replica:changed', () => void get().actions.load());
          void load();
          return off;
        },
      },
    };
  });
}

export const useReplicaStore = createReplicaStore(getInrs);

export const replicaSelectors = {
  stats: (s: ReplicaState) => s.stats,
  provinces: (s: ReplicaState) => s.provinces,
  loading: (s: ReplicaState) => s.loading,
  error: (s: ReplicaState) => s.error,
  ready: (s: ReplicaState) => s.stats !== null,
  actions: (s: ReplicaState) => s.actions,
};
