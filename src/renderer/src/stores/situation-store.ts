import { create } from 'zustand';
import type { Category, HostErrorInfo, InrsApi, NationalKpis, Situation, SituationFilter } from '../../../shared/contract';
import { getInrs } from '../bridge';

export interface SituationState {
  situation: Situation | null;
  kpis: NationalKpis | null;
  categories: Category[];
  /** The filter the data on screen was computed for. */
  loadedFilter: SituationFilter | null;
  loading: boolean;
  error: HostErrorInfo | null;
  actions: {
    /** Loads the snapshot and KPIs of a filter; an answer to an older request is dropped. */
    load(filter: SituationFilter): Promise<void>;
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
    loading: false,
    error: null,
    actions: {
      load: async (filter) => {
        const ticket = ++latest;
        set({ loading: true });
        try {
          const [situation, kpis] = await Promise.all([api().situation.snapshot({ filter }), api().situation.kpis({ filter })]);
          if (ticket !== latest) return;
          if (!situation.ok) set({ loading: false, error: situation.error });
          else if (!kpis.ok) set({ loading: false, error: kpis.error });
          else set({ loading: false, error: null, situation: situation.value, kpis: kpis.value, loadedFilter: filter });
        } catch (error) {
          if (ticket === latest) set({ loading: false, error: { code: 'internal', message: String(error) } });
        }
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
  loading: (s: SituationState) => s.loading,
  error: (s: SituationState) => s.error,
  actions: (s: SituationState) => s.actions,
};
