import { create } from 'zustand';
import type { Category, HostErrorInfo, InrsApi, NationalKpis, Situation, SituationFilter } from '../../../shared/contract';
import { getInrs } from '../bridge';

export interface SituationState {
  situation: Situation | null;
  kpis: NationalKpis | null;
  categories: Category[];
  /** The filter the data on screen was computed for. */
  loadedFilter: SituationFilter | null;
  /** The past moment the data on screen shows (time slider); null: live. */
  loadedAt: string | null;
  loading: boolean;
  error: HostErrorInfo | null;
  actions: {
    /**
     * Loads the snapshot and KPIs of a filter, live or at a past moment, at once (an officer's
     * pick goes ahead of any refresh); an answer to an older request is dropped.
     */
    load(filter: SituationFilter, at?: string | null): Promise<void>;
    /**
     * Reloads the live picture of the last requested filter after the replica changed. While a
     * request is on its way, refreshes fold into one that follows it: live sync can change the
     * replica several times a second, and a read per change queued up behind one another until
     * an officer's pick waited tens of seconds behind them.
     */
    refresh(): Promise<void>;
    loadCategories(): Promise<void>;
  };
}

const sameFilter = (a: SituationFilter, b: SituationFilter): boolean => JSON.stringify(a) === JSON.stringify(b);

export function createSituationStore(api: () => InrsApi) {
  let latest = 0;
  let inFlight = 0;
  let requested: { filter: SituationFilter; at: string | null } | null = null;
  /** A refresh asked for while a request was on its way: one follows when it settles. */
  let refreshWaiting: Promise<void> | null = null;
  let releaseWaiting: (() => void) | null = null;

  return create<SituationState>()((set, get) => ({
    situation: null,
    kpis: null,
    categories: [],
    loadedFilter: null,
    loadedAt: null,
    loading: false,
    error: null,
    actions: {
      load: async (filter, at = null) => {
        // The same request again while it is on its way (a reconnect, a re-render): one that follows will do.
        if (inFlight > 0 && at === null && requested?.at === null && sameFilter(requested.filter, filter)) return get().actions.refresh();
        const ticket = ++latest;
        requested = { filter, at };
        inFlight += 1;
        set({ loading: true });
        try {
          const [situation, kpis] = await Promise.all(
            at === null
              ? [api().situation.snapshot({ filter }), api().situation.kpis({ filter })]
              : [api().replay.snapshot({ at, filter }), api().replay.kpis({ at, filter })],
          );
          if (ticket !== latest) return;
          if (!situation.ok) set({ loading: false, error: situation.error });
          else if (!kpis.ok) set({ loading: false, error: kpis.error });
          else set({ loading: false, error: null, situation: situation.value, kpis: kpis.value, loadedFilter: filter, loadedAt: at });
        } finally {
          inFlight -= 1;
          if (inFlight === 0 && releaseWaiting) {
            const release = releaseWaiting;
            refreshWaiting = null;
            releaseWaiting = null;
            void get().actions.refresh().then(release);
          }
        }
      },
      refresh: () => {
        // Nothing asked for yet, or a past moment: the replica changing does not change it.
        if (!requested || requested.at !== null) return Promise.resolve();
        if (inFlight === 0) return get().actions.load(requested.filter, null);
        refreshWaiting ??= new Promise<void>((resolve) => (releaseWaiting = resolve));
        return refreshWaiting;
      },
      loadCategories: async () => {
        const result = await api().categories.list();
        if (result.ok) set({ categories: result.value });
      },
    },
  }));
}

export const useSituationStore = createSituationStore(getInrs);

export const situationSelectors = {
  situation: (s: SituationState) => s.situation,
  kpis: (s: SituationState) => s.kpis,
  categories: (s: SituationState) => s.categories,
  loadedFilter: (s: SituationState) => s.loadedFilter,
  loadedAt: (s: SituationState) => s.loadedAt,
  loading: (s: SituationState) => s.loading,
  error: (s: SituationState) => s.error,
  actions: (s: SituationState) => s.actions,
};
