import { create } from 'zustand';
import type { ChainRegionStatus, InrsApi } from '../../../shared/contract';
import { getInrs } from '../bridge';

export interface ChainStoreState {
  regions: Record<string, ChainRegionStatus>;
  actions: {
    /** Loads the current statuses, then follows `audit:chain-changed`; returns the unsubscribe. */
    start(): () => void;
  };
}

export function createChainStore(api: () => InrsApi) {
  return create<ChainStoreState>()((set) => {
    const byRegion = (regions: ChainRegionStatus[]) => Object.fromEntries(regions.map((r) => [r.region, r]));
    return {
      regions: {},
      actions: {
        start: () => {
          let pushed = false;
          const off = api().events.on('audit:chain-changed', ({ regions }) => {
            pushed = true;
            set({ regions: byRegion(regions) });
          });
          void api()
            .audit['chain-status']()
            .then((result) => {
              // A push that arrived meanwhile is newer than this answer.
              if (result.ok && !pushed) set({ regions: byRegion(result.value.regions) });
            });
          return off;
        },
      },
    };
  });
}

export const useChainStore = createChainStore(getInrs);

export const chainSelectors = {
  all: (s: ChainStoreState) => s.regions,
  of: (region: string) => (s: ChainStoreState) => s.regions[region],
};
