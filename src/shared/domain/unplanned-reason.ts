/**
 * Why the rotation planner left a lot out, as a code the wall translates; the planner's English
 * sentence with its figures travels beside it as the detail.
 */
export const UNPLANNED_CODES = ['past-sell-by', 'no-storage', 'floor', 'exceeds-handling', 'handling', 'floor-and-handling'] as const;
export type UnplannedCode = (typeof UNPLANNED_CODES)[number];
