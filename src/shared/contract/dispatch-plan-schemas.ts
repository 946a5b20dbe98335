import { z } from 'zod';
import { dispatchRecommendationSchema } from './dispatch-schemas';

/**
 * The dispatch plan the officer has open, kept by the host so it survives a reload: the
 * recommendation with the officer's edits. The host keeps one per set of scenario regions while
 * one of them stays at a raised emergency level, and drops it once issued or the level is back.
 */
export const savedPlanLineSchema = z.object({
  /** `from|to|category` of a flow of the recommendation. */
  key: z.string().min(1).max(200),
  /** The quantity as the officer typed it. */
  text: z.string().max(20),
  removed: z.boolean(),
});

export const savedDispatchPlanSchema = z.object({
  recommendation: dispatchRecommendationSchema,
  lines: z.array(savedPlanLineSchema).max(10_000),
  mapCategory: z.string().max(64).nullable(),
  /** When the host saved it (ISO); the host sets it. */
  savedAt: z.iso.datetime().nullable(),
});
export type SavedDispatchPlan = z.output<typeof savedDispatchPlanSchema>;

/** Channels of the saved plan (merged into the contract's channel list). */
export const dispatchPlanChannels = {
  /** The plan saved for regions still at a raised level (the newest), or null. */
  'dispatch:plan-current': { request: z.void(), response: savedDispatchPlanSchema.nullable() },
  /** Keeps the open plan (replacing the one saved for the same regions). */
  'dispatch:plan-save': { request: z.object({ plan: savedDispatchPlanSchema }), response: z.null() },
  /** Forgets the plan saved for these regions (the officer closed it). */
  'dispatch:plan-clear': { request: z.object({ regions: z.array(z.string().regex(/^\d{6}$/)).min(1).max(34) }), response: z.null() },
} as const;
