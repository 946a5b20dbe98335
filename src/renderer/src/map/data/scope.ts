import type { ProvinceRisk, Situation, SituationFilter } from '../../../../shared/contract/situation-schemas';

/**
 * The part of the filter the map applies itself: which provinces are in view. Classes and
 * categories are applied by the host when it computes the snapshot (they change the
 * figures, not the set of places).
 */
export interface Scope {
  /** Province adcodes in scope; null when every province is. */
  provinces: ReadonlySet<string> | null;
}

/** A stable key for a filter: same selection, same key, whatever the order of the arrays. */
export function filterKey(filter: SituationFilter): string {
  const sorted = (values: readonly string[]) => [...values].sort().join(',');
  return [sorted(filter.classes), sorted(filter.categories), sorted(filter.regions), sorted(filter.riskBands)].join('|');
}

export function scopeOf(situation: Situation, filter: SituationFilter): Scope {
  if (filter.regions.length === 0 && filter.riskBands.length === 0) return { provinces: null };
  const regions = new Set(filter.regions);
  const bands = new Set<string>(filter.riskBands);
  const inScope = (p: ProvinceRisk) => (regions.size === 0 || regions.has(p.adcode)) && (bands.size === 0 || bands.has(p.riskBand));
  return { provinces: new Set(situation.provinces.filter(inScope).map((p) => p.adcode)) };
}

export const inScope = (scope: Scope, adcode: string): boolean => scope.provinces === null || scope.provinces.has(adcode);
