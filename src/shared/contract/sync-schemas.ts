import { z } from 'zod';
import { errorShapeSchema } from '../errors';

/** What the renderer sees of each region's link to its regional servers. */
export const linkStateSchema = z.object({
  region: z.string().regex(/^\d{6}$/),
  status: z.enum(['connecting', 'catching-up', 'live', 'stale', 'refused', 'chain-broken']),
  /** Server in use (wss URL), when connected. */
  server: z.string().nullable(),
  cursor: z.number().int().nonnegative(),
  headSeq: z.number().int().nonnegative().nullable(),
  /** When the link stopped being live; the replica's data stays on screen meanwhile. */
  staleSince: z.string().nullable(),
  /** Why the last attempt was refused or the chain failed verification. */
  reason: z.string().nullable(),
  /** The regional server's last error frame, whole (code, message, details); cleared by the next welcome. */
  serverError: errorShapeSchema.nullable().optional(),
  lastCheckpointSeq: z.number().int().nonnegative().nullable(),
});
export type LinkState = z.output<typeof linkStateSchema>;
