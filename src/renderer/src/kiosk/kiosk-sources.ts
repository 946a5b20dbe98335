import type { SituationFilter } from '../../../shared/contract/situation-schemas';
import { levelRank } from '../../../shared/domain/emergency';
import { emergencySelectors, useEmergencyStore } from '../emergency/emergency-store';
import { situationSelectors, useSituationStore } from '../stores/situation-store';

/**
 * What interrupts a kiosk's playlist, read from the app's stores: the open critical alerts
 * of the situation on screen, and every region's emergency level.
 */

const unfiltered = (f: SituationFilter | null) => f !== null && f.classes.length + f.categories.length + f.regions.length + f.riskBands.length === 0;

/**
 * Calls `listener` with every open critical alert's id, now and whenever the situation changes.
 * Only the whole country's situation counts: alerts that leave the list because a region was
 * focused (an emergency switch does that) are not gone, and must not look new when they return.
 */
export function followCriticalAlerts(listener: (ids: string[]) => void): () => void {
  const emit = () => {
    const state = useSituationStore.getState();
    const situation = situationSelectors.situation(state);
    if (situation && unfiltered(situationSelectors.loadedFilter(state))) listener(situation.alerts.filter((a) => a.severity === 'critical').map((a) => a.id));
  };
  emit();
  return useSituationStore.subscribe((next, previous) => {
    if (next.situation !== previous.situation) emit();
  });
}

/** Calls `listener` with each region's level rank (0 normal … 4 level I) once the emergency state is read, and on every change. */
export function followEmergencyLevels(listener: (levels: Record<string, number>) => void): () => void {
  const emit = () => {
    const state = useEmergencyStore.getState();
    if (!emergencySelectors.loaded(state)) return;
    listener(Object.fromEntries(emergencySelectors.levels(state).map((l) => [l.region, levelRank(l.level)])));
  };
  emit();
  return useEmergencyStore.subscribe((next, previous) => {
    if (next.levels !== previous.levels || next.loaded !== previous.loaded) emit();
  });
}
