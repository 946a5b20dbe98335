import { create } from 'zustand';
import type { HostErrorInfo, InrsApi, ReplayRange } from '../../../shared/contract';
import { getInrs } from '../bridge';
import { advance, clampMoment, spanOf, toIso, type SpeedId } from './replay-logic';

export interface ReplayState {
  range: ReplayRange | null;
  /** The index has been ready once: live events indexed later never hide the slider again. */
  built: boolean;
  /** The moment shown (ISO); null: live. */
  at: string | null;
  playing: boolean;
  speed: SpeedId;
  error: HostErrorInfo | null;
  actions: {
    loadRange(): Promise<void>;
    /** Shows a past moment (clamped to the range); pauses nothing. */
    seek(ms: number): void;
    /** Back to the live situation. */
    live(): void;
    /** Gives up a seek still under way: back to the moment on screen (`shown`; null: live). */
    cancelSeek(shown: string | null): void;
    play(): void;
    pause(): void;
    setSpeed(speed: SpeedId): void;
    /** One step of playing, `elapsedMs` after the last; stops at the live end. */
    tick(elapsedMs: number): void;
  };
}

export function createReplayStore(api: () => InrsApi) {
  return create<ReplayState>()((set, get) => ({
    range: null,
    built: false,
    at: null,
    playing: false,
    speed: 'hour',
    error: null,
    actions: {
      loadRange: async () => {
        const result = await api().replay.range();
        if (result.ok) set((s) => ({ range: result.value, built: s.built || result.value.index.ready, error: null }));
        else set({ error: result.error });
      },
      seek: (ms) => {
        const span = spanOf(get().range);
        if (span) set({ at: toIso(clampMoment(span, ms)) });
      },
      live: () => set({ at: null, playing: false }),
      cancelSeek: (shown) => set({ at: shown, playing: false }),
      play: () => {
        const span = spanOf(get().range);
        if (!span) return;
        // Playing from live starts a day back; from the live end, nothing is left to play.
        const at = get().at === null ? toIso(clampMoment(span, span.to - 24 * 3_600_000)) : get().at;
        set({ at, playing: true });
      },
      pause: () => set({ playing: false }),
      setSpeed: (speed) => set({ speed }),
      tick: (elapsedMs) => {
        const { at, playing, speed, range } = get();
        const span = spanOf(range);
        if (!playing || at === null || !span) return;
        const next = advance(span, Date.parse(at), speed, elapsedMs);
        set({ at: toIso(next.at), playing: !next.ended });
      },
    },
  }));
}

export const useReplayStore = createReplayStore(getInrs);

export const replaySelectors = {
  range: (s: ReplayState) => s.range,
  built: (s: ReplayState) => s.built,
  at: (s: ReplayState) => s.at,
  playing: (s: ReplayState) => s.playing,
  speed: (s: ReplayState) => s.speed,
  error: (s: ReplayState) => s.error,
  actions: (s: ReplayState) => s.actions,
};
