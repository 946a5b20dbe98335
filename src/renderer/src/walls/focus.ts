import type { Category, SituationFilter } from '../../../shared/contract/situation-schemas';
import type { CategoryClass } from '../../../shared/domain/events';
import type { WallLayout } from './layout';

/** The province a region wall shows: the one the filter picked, else the wall's own. */
export function focusRegionOf(filter: SituationFilter, layout: WallLayout): string | undefined {
  return filter.regions[0] ?? layout.params.region;
}

/** The category a reserves wall shows: the one the filter picked, else the wall's own, with its class. */
export function focusCategoryOf(
  filter: SituationFilter,
  layout: WallLayout,
  categories: readonly Category[],
): { category: Category | undefined; cls: CategoryClass | undefined } {
  const code = filter.categories[0] ?? layout.params.category;
  const category = categories.find((c) => c.code === code);
  return { category, cls: category?.class ?? filter.classes[0] };
}
