import { useEffect } from 'react';
import { connectionSelectors, getInrs, useConnectionStore } from '../bridge';
import { useFilterStore } from '../filters/filter-store';
import { wallEntry } from '../walls/catalogue';
import { isWallType } from '../walls/wall-reducer';
import { useWallStore } from '../walls/wall-store';
import { followCriticalAlerts, followEmergencyLevels } from './kiosk-sources';
import { highestRiskRegion, kioskFromSearch, knownWalls, resolveKiosk } from './kiosk-params';
import { useSituationStore } from '../stores/situation-store';
import { kioskSelectors, useKioskStore } from './kiosk-store';
import { currentWall, nextDeadline, shownInterrupt } from './playlist-scheduler';
import { useIdleCursor } from './useIdleCursor';

const ALERT_WALL = 'alerts-tasks';
/** The emergency wall when this build has it; otherwise the region wall, framed on the region. */
const EMERGENCY_WALL = isWallType('emergency-operations') ? 'emergency-operations' : 'region-focus';
const ROOT_CLASS = 'kiosk-mode';

/**
 * Kiosk mode: on with `?kiosk=1` or the host's kiosk settings (app:info, from --kiosk or the
 * workstation layout). Runs the playlist scheduler on the real clock, feeds it critical alerts
 * and emergency levels, shows the wall it picks, and marks the page for large type and no controls.
 */
export function useKiosk(): boolean {
  const settings = useKioskStore(kioskSelectors.settings);
  const scheduler = useKioskStore(kioskSelectors.scheduler);
  const { enable, configure, send } = useKioskStore(kioskSelectors.actions);
  const opens = useConnectionStore(connectionSelectors.opens);

  // Settings: the address at once (no flash of controls), then the host's under the address's overrides.
  useEffect(() => {
    const fromUrl = kioskFromSearch(window.location.search);
    const early = resolveKiosk(undefined, fromUrl);
    if (early) enable(early, knownWalls(early.playlist, isWallType).unknown);
    let current = true;
    void getInrs()
      .app.info()
      .then((result) => {
        if (!current || !result.ok) return;
        const resolved = resolveKiosk(result.value.kiosk, fromUrl);
        enable(resolved, resolved ? knownWalls(resolved.playlist, isWallType).unknown : []);
      });
    return () => {
      current = false;
    };
  }, [enable, opens]);

  // The scheduler follows the settings; a window whose own wall is in the playlist starts there.
  useEffect(() => {
    if (!settings) return;
    const playlist = knownWalls(settings.playlist, isWallType).walls;
    // Every wall's code is loaded before the first interval starts: a wall still loading when its
    // turn came would be skipped (a slow wall machine takes seconds). One that fails to load is
    // shown with its error in its turn.
    let current = true;
    const loads = [...new Set([...playlist, ALERT_WALL, EMERGENCY_WALL])].filter(isWallType).map((wall) => wallEntry(wall).load().catch(() => {}));
    void Promise.all(loads).then(() => {
      if (!current) return;
      const own = useWallStore.getState().current;
      configure(
        { playlist, intervalMs: settings.intervalSeconds * 1000, startIndex: Math.max(0, playlist.indexOf(own)), alertWall: ALERT_WALL, emergencyWall: EMERGENCY_WALL },
        Date.now(),
      );
    });
    return () => {
      current = false;
    };
  }, [settings, configure]);

  const enabled = settings !== null;
  const started = scheduler !== null;

  useEffect(() => {
    if (!enabled || !started) return;
    const offAlerts = followCriticalAlerts((ids) => send({ type: 'critical-alerts', ids, now: Date.now() }));
    const offLevels = followEmergencyLevels((levels) => send({ type: 'emergency-levels', levels, now: Date.now() }));
    return () => {
      offAlerts();
      offLevels();
    };
  }, [enabled, started, send]);

  // One timer to the next deadline; the reducer decides what happens then.
  const deadline = scheduler ? nextDeadline(scheduler) : null;
  useEffect(() => {
    if (deadline === null) return;
    const timer = setTimeout(() => send({ type: 'tick', now: Date.now() }), Math.max(0, deadline - Date.now()));
    return () => clearTimeout(timer);
  }, [deadline, send]);

  const wall = scheduler ? currentWall(scheduler) : null;
  const hold = scheduler ? shownInterrupt(scheduler) : null;
  useEffect(() => {
    if (!wall || !isWallType(wall)) return;
    const walls = useWallStore.getState();
    if (hold?.kind === 'emergency' && hold.region && wall === 'region-focus') {
      walls.actions.dispatch({ type: 'set-param', wall: 'region-focus', key: 'region', value: hold.region });
    } else if (wall === 'region-focus') {
      // The region wall's turn in the playlist: the province of highest risk right now.
      const region = highestRiskRegion(useSituationStore.getState().situation?.provinces ?? []);
      if (region) walls.actions.dispatch({ type: 'set-param', wall: 'region-focus', key: 'region', value: region });
    }
    if (walls.current !== wall) walls.actions.select(wall);
  }, [wall, hold]);

  // Back from an emergency hold: drop the region focus it brought, the playlist shows the whole picture.
  const holding = hold !== null;
  useEffect(() => {
    if (!enabled || holding) return;
    const filter = useFilterStore.getState();
    if (filter.filter.regions.length > 0) filter.actions.clear();
  }, [enabled, holding]);

  useEffect(() => {
    document.documentElement.classList.toggle(ROOT_CLASS, enabled);
    return () => document.documentElement.classList.remove(ROOT_CLASS);
  }, [enabled]);

  useIdleCursor(enabled, settings?.cursorIdleSeconds ?? 5);
  return enabled;
}
