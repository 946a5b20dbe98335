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
    /** Loads the snapshot and KPIs of a filter, live or at a past moment; an answer to an older request is dropped. */
    load(filter: SituationFilter, at?: string | null): Promise<void>;
    loadCategories(): Promise<void>;
  };
}

export function createSituationStore(api: () => InrsApi) {
  let latest = 0;
  return create<SituationState>()((set) => ({
    situation: null,
    kpis: null,
    categories: [],
    loadedFilter: null,
    loadedAt: null,
    loading: false,
    error: null,
    actions: {
      load: async (filter, at = null) => {
        const ticket = ++latest;
        set({ loading: true });
        const [situation, kpis] = await Promise.all(
          at === null
            ? [api().situation.snapshot({ filter }), api().situation.kpis({ filter })]
            : [api().replay.snapshot({ at, filter }), api().replay.kpis({ at, filter })],
        );
        if (ticket !== latest) return;
        if (!situation.ok) set({ loading: false, error: situation.error });
        else if (!kpis.ok) set({ loading: false, error: kpis.error });
        else set({ loading: false, error: null, situation: situation.value, kpis: kpis.value, loadedFilter: filter, loadedAt: at });
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
