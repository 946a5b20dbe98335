import { useEffect } from 'react';

const HIDDEN = 'kiosk-cursor-hidden';

/** Hides the pointer after `seconds` without movement; any movement or touch brings it back. */
export function useIdleCursor(enabled: boolean, seconds: number): void {
  useEffect(() => {
    if (!enabled) return;
    const root = document.documentElement;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const wake = () => {
      root.classList.remove(HIDDEN);
      clearTimeout(timer);
      timer = setTimeout(() => root.classList.add(HIDDEN), seconds * 1000);
    };
    wake();
    window.addEventListener('pointermove', wake);
    window.addEventListener('pointerdown', wake);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointermove', wake);
      window.removeEventListener('pointerdown', wake);
      root.classList.remove(HIDDEN);
    };
  }, [enabled, seconds]);
}
