import { z } from 'zod';

/**
 * The one error shape every layer passes on (worker → client → dispatcher → bridge →
 * renderer, regional server → sync client): a stable `code` callers branch on, a `message`
 * for people, and optional JSON-safe `details` (the file, the layer's own cause…). Nothing
 * branches on `message`.
 */
export type ErrorDetail = string | number | boolean | null;
export type ErrorDetails = Record<string, ErrorDetail>;
export interface ErrorShape<C extends string = string> {
  code: C;
  message: string;
  details?: ErrorDetails;
}

export const errorDetailsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/** The shape with a layer's own list of codes. */
export function errorShapeSchemaOf<C extends readonly [string, ...string[]]>(codes: C) {
  return z.object({ code: z.enum(codes), message: z.string(), details: errorDetailsSchema.optional() });
}

/** The shape with any code (a layer that passes on codes it does not own). */
export const errorShapeSchema = z.object({ code: z.string().min(1).max(64), message: z.string(), details: errorDetailsSchema.optional() });

/** An error that carries its shape; throw it to give a caller a code instead of `internal`. */
export class AppError<C extends string = string> extends Error {
  readonly details: ErrorDetails | undefined;
  constructor(
    readonly code: C,
    message: string,
    details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'AppError';
    this.details = details;
  }

  toShape(): ErrorShape<C> {
    return { code: this.code, message: this.message, ...(this.details ? { details: { ...this.details } } : {}) };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Keeps only the JSON-safe entries of a details record. */
function safeDetails(value: unknown): ErrorDetails | undefined {
  const parsed = errorDetailsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  if (!isRecord(value)) return undefined;
  const kept: ErrorDetails = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) kept[key] = v;
  }
  return kept;
}

/**
 * Any thrown value as the shape. An `AppError`, an already-shaped object and a Node or
 * SQLite error with a string `code` keep their code; anything else is `internal`, with the
 * error's name in `details.name` when it has one.
 */
export function toErrorShape(err: unknown): ErrorShape {
  if (err instanceof AppError) return err.toShape();
  if (isRecord(err)) {
    const code = typeof err.code === 'string' && err.code.length > 0 ? err.code : 'internal';
    const message = typeof err.message === 'string' ? err.message : String(err);
    const details = { ...safeDetails(err.details) };
    if (err instanceof Error && err.name !== 'Error' && details.name === undefined) details.name = err.name;
    return { code, message, ...(Object.keys(details).length > 0 ? { details } : {}) };
  }
  return { code: 'internal', message: String(err) };
}

/** Rebuilds a throwable error from a shape received from another thread or process. */
export function fromErrorShape(shape: ErrorShape): AppError {
  return new AppError(shape.code, shape.message, shape.details);
}
