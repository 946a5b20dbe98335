import { z } from 'zod';

/**
 * What an instruction says: the body of a signed `instruction.issue` command and the core of
 * the `instruction.issued` event (which adds the officer's envelope). Kept apart from both so
 * the event model and the command envelope can each import it without importing each other.
 */
const code = z.string().min(1).max(64);

export const INSTRUCTION_KINDS = ['dispatch', 'transfer', 'rotation', 'inspection', 'procurement', 'disposal'] as const;

export const instructionSchema = z.object({
  id: code,
  kind: z.enum(INSTRUCTION_KINDS),
  level: z.enum(['central', 'province', 'depot']),
  issuer: z.string().min(1),
  lines: z
    .array(
      z.object({
        category: code,
        quantity: z.number().int().positive(),
        fromDepot: code.optional(),
        /** Civilian stock (a `CL-…` lot of the registry) the line calls on, held by its owner instead of a depot. */
        fromCivilian: code.optional(),
        toDepot: code.optional(),
        /** Destination area of a dispatch line (an affected region's adcode) when it is not a depot. */
        toRegion: z.string().regex(/^\d{6}$/).optional(),
      }),
    )
    .min(1),
  /** The instruction this one forwards (a province passing on a central instruction). */
  parentId: code.optional(),
  /**
   * Addressed to a civilian holder rather than the reserve's depots: the owner (certificate
   * subject of the contributor) who holds the civilian stock its lines call on.
   */
  civilian: z.object({ holder: z.string().min(1).max(200) }).optional(),
  /**
   * A civilian transport unit (a `CU-…` resource of the registry, its holder in `civilian`)
   * called on to carry `tonnes` over `days`: the lines say what it loads where and for whom.
   */
  transport: z.object({ unit: code, tonnes: z.number().positive().max(1e9), days: z.number().int().min(1).max(90) }).optional(),
});
export type InstructionContent = z.infer<typeof instructionSchema>;
