import type { SituationFilter } from '../../../shared/contract/situation-schemas';
import type { CategoryClass } from '../../../shared/domain/events';
import type { RiskBand } from '../../../shared/domain/risk-index';

export const EMPTY_FILTER: SituationFilter = { classes: [], categories: [], regions: [], riskBands: [] };

export type FilterAction =
  | { type: 'toggle-class'; class: CategoryClass }
  | { type: 'set-category'; category: string | null }
  | { type: 'toggle-region'; region: string }
  | { type: 'focus-region'; region: string | null }
  | { type: 'toggle-band'; band: RiskBand }
  | { type: 'clear' };

const toggle = <T>(list: readonly T[], item: T): T[] => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

/**
 * The shared filter every view follows, changed only through these actions (pure, tested).
 * Picking a category narrows to it alone; picking a province (table row, map) toggles it,
 * so a second click on the same province goes back to the national picture.
 */
export function filterReducer(filter: SituationFilter, action: FilterAction): SituationFilter {
  switch (action.type) {
    case 'toggle-class':
      return { ...filter, classes: toggle(filter.classes, action.class) };
    case 'set-category':
      return { ...filter, categories: action.category ? [action.category] : [] };
    case 'toggle-region':
      return { ...filter, regions: filter.regions.length === 1 && filter.regions[0] === action.region ? [] : [action.region] };
    case 'focus-region':
      return { ...filter, regions: action.region ? [action.region] : [] };
    case 'toggle-band':
      return { ...filter, riskBands: toggle(filter.riskBands, action.band) };
    case 'clear':
      return EMPTY_FILTER;
  }
}

export function isEmptyFilter(filter: SituationFilter): boolean {
  return filter.classes.length + filter.categories.length + filter.regions.length + filter.riskBands.length === 0;
}
