import { isErrorCode, type Result } from '../../../shared/contract';
import type { BridgeServerFrame } from '../../../shared/contract/bridge-frames';
import { errorShapeSchema } from '../../../shared/errors';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** What a host's `result` frame may carry: a value, or an error in the one shape. */
export function parseResult(v: unknown): Result<unknown> | null {
  if (!isObject(v)) return null;
  if (v.ok === true) return 'value' in v ? { ok: true, value: v.value } : null;
  if (v.ok !== false) return null;
  const error = errorShapeSchema.safeParse(v.error);
  if (!error.success) return null;
  const { code, message, details } = error.data;
  if (isErrorCode(code)) return { ok: false, error: { code, message, ...(details ? { details } : {}) } };
  // A code this page does not know (a newer host) is kept as the cause.
  return { ok: false, error: { code: 'bad-response', message, details: { ...details, cause: code } } };
}

export type ParsedServerFrame =
  | BridgeServerFrame
  /** A result frame whose id could be read but not its result. */
  | { kind: 'unreadable-result'; id: number };

/** Parses one text frame from the host; null for anything that is not a known frame. */
export function parseServerFrame(data: unknown): ParsedServerFrame | null {
  if (typeof data !== 'string') return null;
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isObject(frame)) return null;
  if (frame.kind === 'result' && typeof frame.id === 'number') {
    const result = parseResult(frame.result);
    return result ? { kind: 'result', id: frame.id, result } : { kind: 'unreadable-result', id: frame.id };
  }
  if (frame.kind === 'event' && typeof frame.name === 'string') {
    return { kind: 'event', name: frame.name, payload: frame.payload };
  }
  if (frame.kind === 'error' && (frame.code === 'too-large' || frame.code === 'malformed') && typeof frame.message === 'string') {
    return { kind: 'error', code: frame.code, message: frame.message };
  }
  return null;
}
