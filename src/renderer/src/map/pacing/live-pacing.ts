/**
 * When a new situation reaches the map. An officer's own change (another filter, a replay moment)
 * goes at once; a live refresh of the same view waits until the map has rested four times as long
 * as its last draw took, so on software WebGL (seconds a frame) live sync never keeps the page busy
 * more than a fifth of the time and a click is answered at once, while on a GPU (milliseconds a
 * frame) live data still flows straight through. Capped, so a slow map is never stale for long.
 */
export const REST_PER_DRAW = 4;
export const MAX_LIVE_WAIT_MS = 30_000;

export interface PacingState {
  /** The view (filter and moment) of the situation the map shows. */
  shownView: string;
  /** When the map was last handed a situation (ms, same clock as `now`). */
  handedAt: number;
  /** How long its last draw took (ms). */
  drawMs: number;
}

/** Milliseconds to wait before handing the map a situation of `view`; 0 is now. */
export function liveWait(state: PacingState, view: string, now: number): number {
  if (view !== state.shownView) return 0;
  const rest = Math.min(MAX_LIVE_WAIT_MS, REST_PER_DRAW * state.drawMs);
  return Math.max(0, state.handedAt + state.drawMs + rest - now);
}
