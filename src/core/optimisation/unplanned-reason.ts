/**
 * The kind of a rotation planner's reason (src/core/rotation/plan.ts writes them in English for
 * the CLI), so the wall can say it in the officer's language and keep the planner's sentence,
 * with its figures, as the detail.
 */
export const UNPLANNED_KINDS = ['past-sell-by', 'floor', 'handling', 'floor-and-handling', 'no-storage', 'other'] as const;
export type UnplannedKind = (typeof UNPLANNED_KINDS)[number];

export function unplannedKind(reason: string): UnplannedKind {
  if (/^sellBy \S+ is before the first plannable month/.test(reason)) return 'past-sell-by';
  if (/^depot \S+ has no \S+ storage/.test(reason)) return 'no-storage';
  if (/^floor and handling capacity/.test(reason)) return 'floor-and-handling';
  if (/^floor at depot/.test(reason)) return 'floor';
  if (/handling capacity/.test(reason)) return 'handling';
  return 'other';
}
