import { create } from 'zustand';
import type { DepotDetail, HostErrorInfo, InrsApi } from '../../../shared/contract';
import { getInrs } from '../bridge';

export interface DepotState {
  /** Code of the depot the drawer shows, null when closed. */
  selected: string | null;
  detail: DepotDetail | null;
  error: HostErrorInfo | null;
  actions: {
    open(code: string): Promise<void>;
    /** Reloads the open depot (after a replica change). */
    refresh(): Promise<void>;
    close(): void;
  };
}

export function createDepotStore(api: () => InrsApi) {
  return create<DepotState>()((set, get) => {
    const load = async (code: string) => {
      const result = await api().depots.detail({ code });
      if (get().selected !== code) return;
      set(result.ok ? { detail: result.value, error: null } : { detail: null, error: result.error });
    };
    return {
      selected: null,
      detail: null,
      error: null,
      actions: {
        open: async (code) => {
          set({ selected: code, detail: get().detail?.depot.code === code ? get().detail : null, error: null });
          await load(code);
        },
        refresh: async () => {
          const code = get().selected;
          if (code) await load(code);
        },
        close: () => set({ selected: null, detail: null, error: null }),
      },
    };
  });
}

export const useDepotStore = createDepotStore(getInrs);

export const depotSelectors = {
  selected: (s: DepotState) => s.selected,
  detail: (s: DepotState) => s.detail,
  error: (s: DepotState) => s.error,
  actions: (s: DepotState) => s.actions,
};
