import { useEffect } from 'react';
import { connectionSelectors, getInrs, useConnectionStore } from '../bridge';
import { useFilterStore } from '../filters/filter-store';
import { useWallStore } from '../walls/wall-store';
import { emergencySelectors, useEmergencyStore } from './emergency-store';

/** Countdowns tick and the state is re-read this often, so an expiry shows without a new event. */
const REFRESH_MS = 1000;

/**
 * Keeps emergency state current on every screen: read on start, on every `replica:changed`,
 * once a second (countdowns) and after the bridge reconnects. A new level switch focuses its
 * region and brings up the emergency-operations wall.
 */
export function useEmergencySync(): void {
  const { load, loadIdentity, tick } = useEmergencyStore(emergencySelectors.actions);
  const opens = useConnectionStore(connectionSelectors.opens);
  const lastSwitch = useEmergencyStore(emergencySelectors.lastSwitch);

  useEffect(() => {
    const off = getInrs().events.on('replica:changed', () => void load());
    const timer = setInterval(() => {
      tick();
      void load();
    }, REFRESH_MS);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [load, tick]);

  // Also the first read: `opens` is 1 once the bridge (or the preload) is up.
  useEffect(() => {
    void loadIdentity();
    void load();
  }, [opens, load, loadIdentity]);

  useEffect(() => {
    if (!lastSwitch) return;
    useFilterStore.getState().actions.focusRegion(lastSwitch.region);
    useWallStore.getState().actions.select('emergency-operations');
  }, [lastSwitch]);
}
