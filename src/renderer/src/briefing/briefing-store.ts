import { create } from 'zustand';
import type { HostErrorInfo, InrsApi } from '../../../shared/contract';
import type { BriefingDeliverResponse, BriefingExportResponse } from '../../../shared/contract/briefing-schemas';
import { getInrs } from '../bridge';
import { startDownload } from './download';

export interface BriefingState {
  open: boolean;
  status: 'idle' | 'running' | 'done' | 'failed';
  startedAt: number | null;
  result: BriefingExportResponse | null;
  error: HostErrorInfo | null;
  /** How the written PDF reached the officer (downloaded, saved, dialog closed), or why it did not. */
  delivered: BriefingDeliverResponse | null;
  deliverError: HostErrorInfo | null;
  actions: {
    show(): void;
    hide(): void;
    /** Asks the host for a briefing; a second request while one runs is ignored. */
    run(request: { region?: string; at?: string }): Promise<void>;
    /** Hands the written PDF to the officer: the browser downloads it, Electron asks where to save it. */
    deliver(): Promise<void>;
  };
}

export function createBriefingStore(api: () => InrsApi, now: () => number = Date.now, download: (path: string, name: string) => void = startDownload) {
  return create<BriefingState>()((set, get) => ({
    open: false,
    status: 'idle',
    startedAt: null,
    result: null,
    error: null,
    delivered: null,
    deliverError: null,
    actions: {
      show: () => set({ open: true }),
      hide: () => set({ open: false }),
      run: async (request) => {
        if (get().status === 'running') return;
        set({ status: 'running', startedAt: now(), result: null, error: null, delivered: null, deliverError: null });
        const answer = await api().briefing.export(request);
        if (answer.ok) {
          set({ status: 'done', result: answer.value });
          void get().actions.deliver();
        } else set({ status: 'failed', error: answer.error });
      },
      deliver: async () => {
        const result = get().result;
        if (!result) return;
        const answer = await api().briefing.deliver({ file: result.file });
        if (!answer.ok) return set({ deliverError: answer.error });
        if (answer.value.kind === 'download') download(answer.value.url, answer.value.name);
        set({ delivered: answer.value, deliverError: null });
      },
    },
  }));
}

export const useBriefingStore = createBriefingStore(getInrs);

export const briefingSelectors = {
  actions: (s: BriefingState) => s.actions,
};
