import type { ReplayRange } from '../../../shared/contract';

export const HOUR = 3_600_000;

/** Replay speeds: how much of the past one second of playing covers. */
export const SPEEDS = [
  { id: 'hour', perSecond: HOUR },
  { id: 'sixHours', perSecond: 6 * HOUR },
  { id: 'day', perSecond: 24 * HOUR },
] as const;
export type SpeedId = (typeof SPEEDS)[number]['id'];

/** The slider's span in ms; null while the replica holds nothing to replay. */
export function spanOf(range: ReplayRange | null): { from: number; to: number } | null {
  if (!range?.from || !range.to) return null;
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  return Number.isNaN(from) || Number.isNaN(to) || to < from ? null : { from, to };
}

/** A moment kept inside the span, on a whole second (the slider's resolution). */
export function clampMoment(span: { from: number; to: number }, ms: number): number {
  return Math.min(span.to, Math.max(span.from, Math.floor(ms / 1000) * 1000));
}

/** The next moment while playing: advanced by the speed for the time elapsed; `ended` at the live end. */
export function advance(span: { from: number; to: number }, at: number, speed: SpeedId, elapsedMs: number): { at: number; ended: boolean } {
  const perSecond = SPEEDS.find((s) => s.id === speed)?.perSecond ?? HOUR;
  const next = at + Math.round((perSecond * elapsedMs) / 1000);
  return next >= span.to ? { at: span.to, ended: true } : { at: clampMoment(span, next), ended: false };
}

export const toIso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
