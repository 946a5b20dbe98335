import { create } from 'zustand';
import type { HostErrorInfo, InrsApi, InstructionTrace, LotSummary, LotTrace } from '../../../../shared/contract';
import { getInrs } from '../../bridge';
import { lotFromUrl, writeLotToUrl } from './trace-url';

export interface TraceState {
  query: string;
  results: LotSummary[] | null;
  /** The lot shown, and its trace once loaded. */
  lotId: string | null;
  lot: LotTrace | null;
  /** An instruction opened from an event; shown over the lot until closed. */
  instructionId: string | null;
  instruction: InstructionTrace | null;
  error: HostErrorInfo | null;
  actions: {
    search(query: string): Promise<void>;
    openLot(lotId: string): Promise<void>;
    openInstruction(id: string): Promise<void>;
    closeInstruction(): void;
    /** Reloads what is shown (after a replica change). */
    refresh(): Promise<void>;
  };
}

export function createTraceStore(api: () => InrsApi, initialLot: string | null = null, onLot: (lotId: string | null) => void = () => {}) {
  return create<TraceState>()((set, get) => {
    const loadLot = async (lotId: string) => {
      const r = await api().trace.lot({ lotId });
      if (get().lotId !== lotId) return;
      set(r.ok ? { lot: r.value, error: null } : { lot: null, error: r.error });
    };
    const loadInstruction = async (id: string) => {
      const r = await api().trace.instruction({ id });
      if (get().instructionId !== id) return;
      set(r.ok ? { instruction: r.value, error: null } : { instruction: null, error: r.error });
    };
    return {
      query: initialLot ?? '',
      results: null,
      lotId: initialLot,
      lot: null,
      instructionId: null,
      instruction: null,
      error: null,
      actions: {
        search: async (query) => {
          const q = query.trim();
          set({ query, results: null, error: null });
          if (!q) return;
          const r = await api().trace.search({ query: q, limit: 50 });
          if (get().query !== query) return;
          set(r.ok ? { results: r.value } : { results: [], error: r.error });
        },
        openLot: async (lotId) => {
          set({ lotId, lot: get().lot?.lot.lotId === lotId ? get().lot : null, instructionId: null, instruction: null, error: null });
          onLot(lotId);
          await loadLot(lotId);
        },
        openInstruction: async (id) => {
          set({ instructionId: id, instruction: null, error: null });
          await loadInstruction(id);
        },
        closeInstruction: () => set({ instructionId: null, instruction: null }),
        refresh: async () => {
          const { lotId, instructionId } = get();
          await Promise.all([lotId ? loadLot(lotId) : null, instructionId ? loadInstruction(instructionId) : null]);
        },
      },
    };
  });
}

export const useTraceStore = createTraceStore(getInrs, lotFromUrl(), writeLotToUrl);

export const traceSelectors = {
  query: (s: TraceState) => s.query,
  results: (s: TraceState) => s.results,
  lotId: (s: TraceState) => s.lotId,
  lot: (s: TraceState) => s.lot,
  instructionId: (s: TraceState) => s.instructionId,
  instruction: (s: TraceState) => s.instruction,
  error: (s: TraceState) => s.error,
  actions: (s: TraceState) => s.actions,
};
