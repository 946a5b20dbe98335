import { create } from 'zustand';
import type { SituationFilter } from '../../../shared/contract/situation-schemas';
import { EMPTY_FILTER, filterReducer, type FilterAction } from './filter-reducer';

interface FilterState {
  filter: SituationFilter;
  actions: {
    dispatch(action: FilterAction): void;
    toggleClass(cls: Extract<FilterAction, { type: 'toggle-class' }>['class']): void;
    setCategory(category: string | null): void;
    toggleRegion(region: string): void;
    focusRegion(region: string | null): void;
    toggleBand(band: Extract<FilterAction, { type: 'toggle-band' }>['band']): void;
    clear(): void;
  };
}

export const useFilterStore = create<FilterState>()((set) => {
  const dispatch = (action: FilterAction) => set((s) => ({ filter: filterReducer(s.filter, action) }));
  return {
    filter: EMPTY_FILTER,
    actions: {
      dispatch,
      toggleClass: (cls) => dispatch({ type: 'toggle-class', class: cls }),
      setCategory: (category) => dispatch({ type: 'set-category', category }),
      toggleRegion: (region) => dispatch({ type: 'toggle-region', region }),
      focusRegion: (region) => dispatch({ type: 'focus-region', region }),
      toggleBand: (band) => dispatch({ type: 'toggle-band', band }),
      clear: () => dispatch({ type: 'clear' }),
    },
  };
});

export const filterSelectors = {
  filter: (s: FilterState) => s.filter,
  regions: (s: FilterState) => s.filter.regions,
  actions: (s: FilterState) => s.actions,
};
