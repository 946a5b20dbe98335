import type { BridgeServerFrame } from '../../../shared/contract/bridge-frames';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function isResult(v: unknown): boolean {
  if (!isObject(v)) return false;
  if (v.ok === true) return 'value' in v;
  return v.ok === false && isObject(v.error) && typeof v.error.code === 'string' && typeof v.error.message === 'string';
}

/** Parses one text frame from the host; null for anything that is not a known frame. */
export function parseServerFrame(data: unknown): BridgeServerFrame | null {
  if (typeof data !== 'string') return null;
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isObject(frame)) return null;
  if (frame.kind === 'result' && typeof frame.id === 'number' && isResult(frame.result)) {
    return frame as BridgeServerFrame;
  }
  if (frame.kind === 'event' && typeof frame.name === 'string') {
    return { kind: 'event', name: frame.name, payload: frame.payload };
  }
  if (frame.kind === 'error' && (frame.code === 'too-large' || frame.code === 'malformed') && typeof frame.message === 'string') {
    return { kind: 'error', code: frame.code, message: frame.message };
  }
  return null;
}
