import { create } from 'zustand';
import type { DisplaysList, HostErrorInfo, InrsApi, WorkstationLayout } from '../../../shared/contract';
import { getInrs } from '../bridge';
import { editLayout, type LayoutEdit } from './layout-draft';

export interface SettingsState {
  open: boolean;
  list: DisplaysList | null;
  /** The layout being edited; saved only on request. */
  draft: WorkstationLayout | null;
  status: 'idle' | 'loading' | 'saving' | 'saved' | 'failed';
  error: HostErrorInfo | null;
  actions: {
    show(): Promise<void>;
    hide(): void;
    edit(edit: LayoutEdit): void;
    save(): Promise<void>;
  };
}

export function createSettingsStore(api: () => InrsApi) {
  return create<SettingsState>()((set, get) => ({
    open: false,
    list: null,
    draft: null,
    status: 'idle',
    error: null,
    actions: {
      show: async () => {
        set({ open: true, status: 'loading', error: null });
        const result = await api().displays.list();
        if (result.ok) set({ list: result.value, draft: result.value.layout, status: 'idle' });
        else set({ status: 'failed', error: result.error });
      },
      hide: () => set({ open: false }),
      edit: (edit) => {
        const draft = get().draft;
        if (draft) set({ draft: editLayout(draft, edit), status: 'idle' });
      },
      save: async () => {
        const draft = get().draft;
        if (!draft) return;
        set({ status: 'saving', error: null });
        const result = await api().displays['set-layout']({ layout: draft });
        if (result.ok) set({ list: result.value, draft: result.value.layout, status: 'saved' });
        else set({ status: 'failed', error: result.error });
      },
    },
  }));
}

export const useSettingsStore = createSettingsStore(getInrs);

export const settingsSelectors = {
  open: (s: SettingsState) => s.open,
  list: (s: SettingsState) => s.list,
  draft: (s: SettingsState) => s.draft,
  status: (s: SettingsState) => s.status,
  error: (s: SettingsState) => s.error,
  actions: (s: SettingsState) => s.actions,
};
