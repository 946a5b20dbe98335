import { create } from 'zustand';
import type { KioskSettings } from '../../../shared/contract/display-schemas';
import { initialScheduler, schedulerReducer, type SchedulerConfig, type SchedulerEvent, type SchedulerState } from './playlist-scheduler';

export interface KioskStoreState {
  /** The kiosk settings in force; null on a workstation. */
  settings: KioskSettings | null;
  /** Playlist entries this build has no wall for (shown on the kiosk strip, then skipped). */
  unknownWalls: string[];
  scheduler: SchedulerState | null;
  actions: {
    enable(settings: KioskSettings | null, unknownWalls?: string[]): void;
    configure(config: SchedulerConfig, now: number): void;
    send(event: SchedulerEvent): void;
  };
}

/** Kiosk mode and its playlist; the scheduler's state changes are the pure reducer's. */
export const useKioskStore = create<KioskStoreState>()((set, get) => ({
  settings: null,
  unknownWalls: [],
  scheduler: null,
  actions: {
    enable: (settings, unknownWalls = []) => set({ settings, unknownWalls, ...(settings ? {} : { scheduler: null }) }),
    configure: (config, now) => {
      const current = get().scheduler;
      set({ scheduler: current ? schedulerReducer(current, { type: 'configure', config, now }) : initialScheduler(config, now) });
    },
    send: (event) => {
      const current = get().scheduler;
      if (current) set({ scheduler: schedulerReducer(current, event) });
    },
  },
}));

export const kioskSelectors = {
  enabled: (s: KioskStoreState) => s.settings !== null,
  settings: (s: KioskStoreState) => s.settings,
  unknownWalls: (s: KioskStoreState) => s.unknownWalls,
  scheduler: (s: KioskStoreState) => s.scheduler,
  actions: (s: KioskStoreState) => s.actions,
};
