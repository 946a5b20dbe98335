import { create } from 'zustand';

interface SearchState {
  open: boolean;
  actions: { show(): void; hide(): void };
}

/** Whether the depot search is open; the keyboard shortcuts and the header button share it. */
export const useSearchStore = create<SearchState>()((set) => ({
  open: false,
  actions: { show: () => set({ open: true }), hide: () => set({ open: false }) },
}));

export const searchSelectors = {
  open: (s: SearchState) => s.open,
  actions: (s: SearchState) => s.actions,
};
