import { z } from 'zod';
import { situationFilterSchema } from './situation-schemas';

/**
 * The time slider's contract: the span of the replica's log that can be replayed, and the
 * situation (the same shapes as situation:snapshot / situation:kpis) at a moment in it. A moment
 * is a record time: the log of each region up to its last event recorded at or before it.
 */
export const replayIndexProgressSchema = z.object({
  /** Events of the log indexed for replay, and events in the log. */
  indexed: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  complete: z.boolean(),
  /** A seek can be answered now (the few events synced since the last build are indexed by the seek itself). */
  ready: z.boolean(),
});

export const replayRangeSchema = z.object({
  /** Earliest moment that can be replayed; null while nothing is indexed. */
  from: z.iso.datetime().nullable(),
  /** Newest record time in the replica (the live end of the slider). */
  to: z.iso.datetime().nullable(),
  index: replayIndexProgressSchema,
});
export type ReplayRange = z.output<typeof replayRangeSchema>;

export const replayAtRequestSchema = z.object({
  at: z.iso.datetime(),
  filter: situationFilterSchema,
});
