import type { RuleAlert } from './alert-rule-engine';

/** The scope the walls filter by (regions, classes, categories; empty = all). */
export interface AlertScope {
  regions: readonly string[];
  classes: readonly string[];
  categories: readonly string[];
}

/** Whether a rule alert is in a wall's filter; an alert of a whole class (no category) stays under a category filter. */
export const ruleAlertInScope =
  (f: AlertScope) =>
  (a: Pick<RuleAlert, 'region' | 'class' | 'category'>): boolean =>
    (f.regions.length === 0 || f.regions.includes(a.region)) &&
    (f.classes.length === 0 || (a.class !== null && f.classes.includes(a.class))) &&
    (f.categories.length === 0 || a.category === null || f.categories.includes(a.category));
