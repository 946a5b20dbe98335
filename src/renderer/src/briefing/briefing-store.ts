import { create } from 'zustand';
import type { HostErrorInfo, InrsApi } from '../../../shared/contract';
import type { BriefingExportResponse } from '../../../shared/contract/briefing-schemas';
import { getInrs } from '../bridge';

export interface BriefingState {
  open: boolean;
  status: 'idle' | 'running' | 'done' | 'failed';
  startedAt: number | null;
  result: BriefingExportResponse | null;
  error: HostErrorInfo | null;
  actions: {
    show(): void;
    hide(): void;
    /** Asks the host for a briefing; a second request while one runs is ignored. */
    run(request: { region?: string; at?: string }): Promise<void>;
  };
}

export function createBriefingStore(api: () => InrsApi, now: () => number = Date.now) {
  return create<BriefingState>()((set, get) => ({
    open: false,
    status: 'idle',
    startedAt: null,
    result: null,
    error: null,
    actions: {
      show: () => set({ open: true }),
      hide: () => set({ open: false }),
      run: async (request) => {
        if (get().status === 'running') return;
        set({ status: 'running', startedAt: now(), result: null, error: null });
        const answer = await api().briefing.export(request);
        if (answer.ok) set({ status: 'done', result: answer.value });
        else set({ status: 'failed', error: answer.error });
      },
    },
  }));
}

export const useBriefingStore = createBriefingStore(getInrs);

export const briefingSelectors = {
  actions: (s: BriefingState) => s.actions,
};
