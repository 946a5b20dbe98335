import { useCallback } from 'react';
import { create } from 'zustand';
import { DEFAULT_TIME_ZONE, formatInstant, isTimeZone, type TimeZoneSetting } from './time';

const STORAGE_KEY = 'inrs.timeZone';

function initialZone(): TimeZoneSetting {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (isTimeZone(saved)) return saved;
  } catch {
    // Storage may be disabled; Beijing time then.
  }
  return DEFAULT_TIME_ZONE;
}

interface TimeZoneState {
  zone: TimeZoneSetting;
  actions: { setZone(zone: TimeZoneSetting): void };
}

/** The zone every time on screen is shown in, kept with the browser profile like the language. */
export const useTimeZoneStore = create<TimeZoneState>()((set) => ({
  zone: initialZone(),
  actions: {
    setZone: (zone) => {
      try {
        window.localStorage.setItem(STORAGE_KEY, zone);
      } catch {
        // The choice still applies to this page.
      }
      set({ zone });
    },
  },
}));

/** The formatter of instants in the chosen zone: components re-render when the zone changes. */
export function useTimeFormat(): (iso: string) => string {
  const zone = useTimeZoneStore((s) => s.zone);
  return useCallback((iso: string) => formatInstant(iso, zone), [zone]);
}
