import { z } from 'zod';

/**
 * Schemas of the host's running check of each region's hash chain: content ids, chain links,
 * gap-free seqs and checkpoints against the chain (the audit's chain pass, without the replay).
 */
const adcode = z.string().regex(/^\d{6}$/);

export const chainRegionStatusSchema = z.object({
  region: adcode,
  /** 'unverified' until the walk has reached the region's head (or while it holds no events). */
  status: z.enum(['ok', 'broken', 'unverified']),
  /** The last seq the walk found sound. */
  verifiedSeq: z.number().int().nonnegative(),
  firstBadSeq: z.number().int().nonnegative().nullable(),
  reason: z.string().nullable(),
});

export const chainStatusSchema = z.object({ regions: z.array(chainRegionStatusSchema) });

export type ChainRegionStatus = z.output<typeof chainRegionStatusSchema>;
export type ChainStatus = z.output<typeof chainStatusSchema>;
