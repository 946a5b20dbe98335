import { useEffect } from 'react';
import { PROVINCES } from '../../../shared/domain/provinces';
import { authorize } from '../../../shared/domain/roles';
import type { OfficerIdentity } from '../../../shared/contract';
import { emergencySelectors, onLevelRise, useEmergencyStore } from '../emergency/emergency-store';
import { useDispatchStore } from './dispatch-store';

const PROVINCE_CODES = new Set(PROVINCES.map((p) => p.adcode));

/** Whether this workstation's identity would act on a plan for the region (the UI mirrors the role matrix). */
export function mayPlanFor(identity: OfficerIdentity | null, region: string): boolean {
  if (!identity) return false;
  const actor = { role: identity.role, region: identity.region, depot: identity.depot };
  return authorize(actor, 'issue-instruction', { region }).allowed || authorize(actor, 'run-scenario', { region }).allowed;
}

/**
 * When a province's emergency level rises, recommend a dispatch plan for the provinces in
 * emergency at once, unless the officer is already working on a scenario or a plan: the
 * system recommends, the officer decides whether to issue it.
 */
export function useAutoRecommend(): void {
  // The plan kept by the host (still at a raised level) comes back first after a reload.
  useEffect(() => void useDispatchStore.getState().actions.restore(), []);
  useEffect(
    () =>
      onLevelRise(useEmergencyStore, (rise) => {
        const identity = emergencySelectors.identity(useEmergencyStore.getState());
        if (!PROVINCE_CODES.has(rise.region) || !mayPlanFor(identity, rise.region)) return;
        const dispatch = useDispatchStore.getState();
        if (dispatch.form.touched || dispatch.recommendation || dispatch.run.status === 'running') return;
        const regions = emergencySelectors
          .levels(useEmergencyStore.getState())
          .map((l) => l.region)
          .filter((r) => PROVINCE_CODES.has(r));
        dispatch.actions.setRegions(regions.includes(rise.region) ? regions : [...regions, rise.region], false);
        void useDispatchStore.getState().actions.recommend();
      }),
    [],
  );
}
