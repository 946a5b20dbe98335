import type { CategoryClass } from './events';

/**
 * The figures a reserve officer reasons with, from the per-capita norms of the reference
 * categories (`perCapitaDaily`, unit per person per day). Pure and runtime-neutral, so the
 * host, the briefing and the tests compute them the same way.
 *
 *   person-days of a stock   pd = Σ over its categories c of quantity_c ÷ perCapitaDaily_c
 *   persons supported        P  = pd ÷ D(class)       (the 万人·7天 figure, in persons)
 *                            D  = 7 (RESPONSE_DAYS) for consumables: a person uses them up
 *                                 over the standard response period;
 *                            D  = 30 (DURABLE_NORM_DAYS) for durable goods (shelter, power):
 *                                 their norm spreads one person's need over a 30-day
 *                                 response, so one person's full need is norm × 30
 *   plan completion          C  = pd(held) ÷ pd(planned), over the same categories
 *   days supported           S  = pd ÷ population   (how long the stock carries everyone)
 *
 * The categories of a class are counted as alternatives meeting the same need (any grain
 * feeds, any shelter item shelters), so a class's figure is the sum over its categories;
 * weighting by person-days lets tonnes of rice and tonnes of flour add up by what they feed.
 */

/** The standard response period the persons-supported figure is stated for (days). */
export const RESPONSE_DAYS = 7;
/** Days over which a durable good's per-capita norm spreads one person's need. */
export const DURABLE_NORM_DAYS = 30;
/** Classes of durable goods: issued once per person, not consumed day by day. */
export const DURABLE_CLASSES: ReadonlySet<CategoryClass> = new Set<CategoryClass>(['shelter', 'power']);

/** Days of norm that make up one person's need for the standard response, by class. */
export function needDays(cls: CategoryClass): number {
  return DURABLE_CLASSES.has(cls) ? DURABLE_NORM_DAYS : RESPONSE_DAYS;
}

/** Person-days of a quantity at a norm; 0 for a category without a norm. */
export function personDays(quantity: number, perCapitaDaily: number): number {
  return perCapitaDaily > 0 ? Math.max(0, quantity) / perCapitaDaily : 0;
}

/** Persons a class's stock supports for the standard response period. */
export function personsSupported(pd: number, cls: CategoryClass): number {
  return Math.max(0, pd) / needDays(cls);
}

/** Share of the planned reserve scale held (0…1+); null where nothing is planned. */
export function planCompletion(heldPersonDays: number, plannedPersonDays: number): number | null {
  return plannedPersonDays > 0 ? Math.max(0, heldPersonDays) / plannedPersonDays : null;
}

/**
 * Days a stock would carry a whole population at the norm: person-days ÷ persons (0 for an
 * unpopulated place). What the `supported-days` alert measure reads per region × category.
 */
export function supportedDays(pd: number, population: number): number {
  return population > 0 ? Math.max(0, pd) / population : 0;
}
