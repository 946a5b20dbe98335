import { z } from 'zod';
import { AppError, errorShapeSchemaOf, type ErrorDetails, type ErrorShape } from '../errors';

/** Error codes every host call may answer with; the renderer maps them to messages. */
export const ERROR_CODES = [
  'bad-request',
  'unknown-channel',
  'forbidden-sender',
  /** The replica could not answer; `details.cause` holds the replica's own code (wrong-key, corrupt…). */
  'replica-unavailable',
  'not-found',
  /** A command needs a live link to its region (or an identity) that this host lacks; also a closed bridge. */
  'not-connected',
  /** Not served to this workstation's user (a contributor's workstation reads only its own assets). */
  'not-served',
  /** The host's reply could not be read (a garbled frame, a result of the wrong shape). */
  'bad-response',
  /** No reply came in time. */
  'timeout',
  /** The caller stopped the work it had asked for (a scenario run). */
  'cancelled',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const hostErrorSchema = errorShapeSchemaOf(ERROR_CODES);
export type HostErrorInfo = ErrorShape<ErrorCode>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: HostErrorInfo };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: hostErrorSchema }),
  ]);
}

export const isErrorCode = (code: unknown): code is ErrorCode => (ERROR_CODES as readonly unknown[]).includes(code);

/** Thrown by services to answer with a specific error code instead of `internal`. */
export class HostError extends AppError<ErrorCode> {
  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.name = 'HostError';
  }
}
