import { useCallback, useEffect, useRef, useState } from 'react';
import { liveWait, type PacingState } from './live-pacing';

/**
 * What to hand the map (a situation with the filter it was loaded for), paced by `liveWait`, and
 * the callback the map reports its draw time to. Even an immediate hand-over waits for the next paint, so the panels that follow the
 * same change are on screen before the map's draw holds the page.
 */
export function usePacedMapData<T>(next: T | null, view: string): { shown: T | null; onDrawn(ms: number): void } {
  const [shown, setShown] = useState(next);
  const pacing = useRef<PacingState>({ shownView: view, handedAt: 0, drawMs: 0 });
  useEffect(() => {
    if (next === shown) return;
    if (shown === null || next === null) {
      pacing.current = { ...pacing.current, shownView: view, handedAt: performance.now() };
      setShown(next);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    let frame: number | undefined;
    const handOver = () => {
      pacing.current = { ...pacing.current, shownView: view, handedAt: performance.now() };
      setShown(next);
    };
    // After a frame the panels have been painted; the task after it hands the map its data.
    const afterPaint = () => {
      frame = requestAnimationFrame(() => {
        timer = setTimeout(handOver, 0);
      });
    };
    const wait = liveWait(pacing.current, view, performance.now());
    if (wait > 0) timer = setTimeout(afterPaint, wait);
    else afterPaint();
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  }, [next, view, shown]);
  const onDrawn = useCallback((ms: number) => {
    pacing.current = { ...pacing.current, drawMs: ms };
  }, []);
  return { shown, onDrawn };
}
