import { z } from 'zod';

/** Error codes every host handler may return; the renderer maps them to messages. */
export const ERROR_CODES = [
  'bad-request',
  'unknown-channel',
  'forbidden-sender',
  'replica-unavailable',
  'not-found',
  /** A command needs a live link to its region (or an identity) that this host lacks. */
  'not-connected',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const hostErrorSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() });
export type HostErrorInfo = z.infer<typeof hostErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: HostErrorInfo };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: hostErrorSchema }),
  ]);
}

/** Thrown by services to return a specific error code instead of `internal`. */
export class HostError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HostError';
  }
}
