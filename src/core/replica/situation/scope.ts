import type { SituationFilter } from '../../../shared/contract/situation-schemas';
import { CATEGORY_CLASSES, type CategoryClass } from '../../../shared/domain/events';

export interface CategoryRef {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  class: CategoryClass;
  perCapitaDaily: number;
  safetyFloorShare: number;
}

/** What a filter selects, resolved against the replica's reference data; the lists are bound into SQL. */
export interface Scope {
  categories: string[];
  classes: CategoryClass[];
  /** Province adcodes the region filter keeps (all declared provinces when it is empty). */
  regions: string[];
  /** Safety floor share of each class: the highest of its categories', so no category's floor is missed. */
  floorShare: ReadonlyMap<CategoryClass, number>;
  /** Class and per-capita daily norm of each category in scope, for person-day figures. */
  norms: ReadonlyMap<string, { class: CategoryClass; perCapitaDaily: number }>;
}

export function classFloorShares(categories: readonly CategoryRef[]): Map<CategoryClass, number> {
  const shares = new Map<CategoryClass, number>();
  for (const c of categories) shares.set(c.class, Math.max(shares.get(c.class) ?? 0, c.safetyFloorShare));
  return shares;
}

/** Categories by class and code filter (both must match; an empty list matches all), classes in domain order. */
export function resolveScope(filter: SituationFilter, categories: readonly CategoryRef[], provinces: readonly string[]): Scope {
  const selected = categories.filter(
    (c) =>
      (filter.classes.length === 0 || filter.classes.includes(c.class)) &&
      (filter.categories.length === 0 || filter.categories.includes(c.code)),
  );
  const classSet = new Set(selected.map((c) => c.class));
  const regions = filter.regions.length === 0 ? [...provinces] : provinces.filter((p) => filter.regions.includes(p));
  return {
    categories: selected.map((c) => c.code),
    classes: CATEGORY_CLASSES.filter((k) => classSet.has(k)),
    regions,
    floorShare: classFloorShares(categories),
    norms: new Map(selected.map((c) => [c.code, { class: c.class, perCapitaDaily: c.perCapitaDaily }])),
  };
}

/** A stable key of what a filter makes the queries compute, for caching results per data version. */
export function scopeKey(filter: SituationFilter): string {
  const sorted = (xs: readonly string[]) => [...xs].sort().join(',');
  // Risk bands are left out: they only cut the computed provinces, not what is computed.
  return [sorted(filter.classes), sorted(filter.categories), sorted(filter.regions)].join('|');
}
