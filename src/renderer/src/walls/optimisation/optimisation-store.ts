import { create } from 'zustand';
import type { HostErrorInfo, InrsApi, LayoutView, OptimisationProgress, RotationIssueResult, RotationView } from '../../../../shared/contract';
import { getInrs } from '../../bridge';
import { issueRows, rowKey } from './rotation-selection';

/**
 * The optimisation wall's computations: the rotation plan and the layout proposal of the region
 * in scope (solved on the host, off its thread, with progress events), the rows the officer kept
 * of the plan, and their issue as signed rotation instructions.
 */
export type Run<T> =
  | { status: 'idle' }
  | { status: 'running'; runId: string; key: string; progress: OptimisationProgress | null }
  | { status: 'done'; key: string; value: T; at: string }
  | { status: 'failed'; key: string; error: HostErrorInfo };

export type IssueState =
  | { status: 'idle' }
  | { status: 'confirming' }
  | { status: 'sending' }
  | { status: 'done'; results: RotationIssueResult[] }
  | { status: 'failed'; error: HostErrorInfo };

export interface OptimisationState {
  rotation: Run<RotationView>;
  layout: Run<LayoutView>;
  /** `lot|depot` of the plan's rows the officer selected to issue. */
  selected: ReadonlySet<string>;
  /** As typed; empty: as many sites as today. */
  maxOpen: string;
  issue: IssueState;
  actions: {
    /** Plans the scope's rotation unless its plan is here or coming (force: plan again from the replica as it is now). */
    planRotation(region: string | null, force?: boolean): Promise<void>;
    planLayout(region: string | null, force?: boolean): Promise<void>;
    setMaxOpen(text: string): void;
    toggle(keys: readonly string[], on: boolean): void;
    askIssue(): void;
    cancelIssue(): void;
    issue(label: string): Promise<void>;
  };
}

const maxOpenOf = (text: string): number | null => (/^\d{1,3}$/.test(text.trim()) && Number(text) >= 1 ? Number(text) : null);

export function createOptimisationStore(api: () => InrsApi) {
  let runs = 0;
  return create<OptimisationState>()((set, get) => {
    /** Runs a host computation for a key unless its answer for that key is already here or coming. */
    const run = async <T,>(
      slot: 'rotation' | 'layout',
      key: string,
      force: boolean,
      call: (runId: string) => Promise<{ ok: true; value: T } | { ok: false; error: HostErrorInfo }>,
    ): Promise<void> => {
      const current = get()[slot];
      if (!force && current.status !== 'idle' && current.key === key) return;
      const runId = `${slot}-${Date.now().toString(36)}-${++runs}`;
      set({ [slot]: { status: 'running', runId, key, progress: null } } as Partial<OptimisationState>);
      const off = api().events.on('optimisation:progress', (p) => {
        const now = get()[slot];
        if (now.status === 'running' && now.runId === p.runId && p.phase !== 'done') set({ [slot]: { ...now, progress: p } } as Partial<OptimisationState>);
      });
      const result = await call(runId);
      off();
      const latest = get()[slot];
      // An answer for a key the wall has moved on from is dropped.
      if (latest.status !== 'running' || latest.runId !== runId) return;
      set({ [slot]: result.ok ? { status: 'done', key, value: result.value, at: new Date().toISOString() } : { status: 'failed', key, error: result.error } } as Partial<OptimisationState>);
    };
    return {
      rotation: { status: 'idle' },
      layout: { status: 'idle' },
      selected: new Set(),
      maxOpen: '',
      issue: { status: 'idle' },
      actions: {
        planRotation: async (region, force = false) => {
          const key = region ?? 'all';
          const before = get().rotation;
          await run('rotation', key, force, (runId) => api().optimisation.rotation({ region, months: 12, runId }));
          // A new plan starts with nothing selected.
          if (get().rotation !== before) set({ selected: new Set(), issue: get().issue.status === 'done' ? get().issue : { status: 'idle' } });
        },
        planLayout: (region, force = false) => {
          const maxOpen = maxOpenOf(get().maxOpen);
          return run('layout', `${region ?? 'all'}|${maxOpen ?? ''}`, force, (runId) => api().optimisation.layout({ region, maxOpen, runId }));
        },
        setMaxOpen: (text) => set({ maxOpen: text }),
        toggle: (keys, on) =>
          set((s) => {
            const next = new Set(s.selected);
            for (const k of keys) {
              if (on) next.add(k);
              else next.delete(k);
            }
            return { selected: next, issue: s.issue.status === 'done' || s.issue.status === 'failed' ? { status: 'idle' } : s.issue };
          }),
        askIssue: () => {
          if (get().selected.size > 0) set({ issue: { status: 'confirming' } });
        },
        cancelIssue: () => set({ issue: { status: 'idle' } }),
        issue: async (label) => {
          const r = get().rotation;
          if (r.status !== 'done' || get().issue.status === 'sending') return;
          const rotations = issueRows(r.value, get().selected);
          if (rotations.length === 0) return;
          set({ issue: { status: 'sending' } });
          const result = await api().optimisation['issue-rotation']({ rotations, label });
          if (!result.ok) return set({ issue: { status: 'failed', error: result.error } });
          const accepted = new Set(result.value.results.filter((x) => x.status === 'accepted').map((x) => `${x.region}|${x.month}`));
          const regionOf = new Map(r.value.depots.map((d) => [d.code, d.region]));
          // What went through is no longer selected; what did not stays, to be issued again.
          const kept = new Set([...get().selected].filter((k) => {
            const row = r.value.rotations.find((x) => rowKey(x) === k);
            return !row || !accepted.has(`${regionOf.get(row.depot) ?? ''}|${row.month}`);
          }));
          set({ issue: { status: 'done', results: result.value.results }, selected: kept });
        },
      },
    };
  });
}

export const useOptimisationStore = createOptimisationStore(getInrs);

export const optimisationSelectors = {
  rotation: (s: OptimisationState) => s.rotation,
  layout: (s: OptimisationState) => s.layout,
  selected: (s: OptimisationState) => s.selected,
  maxOpen: (s: OptimisationState) => s.maxOpen,
  issue: (s: OptimisationState) => s.issue,
  actions: (s: OptimisationState) => s.actions,
};
