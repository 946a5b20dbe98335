import { create } from 'zustand';
import type { HazardView, HostErrorInfo, InrsApi, ScenarioProgress, ScenarioRun } from '../../../../shared/contract';
import { HAZARD_MAX_CHARS } from '../../../../shared/contract/scenario-schemas';
import { getInrs } from '../../bridge';
import { draftOfScenario, newPlan, type AffectedDraft, type PlanDraft, type ScenarioDraft } from './scenario-draft';
import { bestPlan, categoriesOf } from './plan-figures';

/** Why an import failed: the host's refusal (its problem word in details), or the page's own check of the file. */
export type ImportFailure = { kind: 'host'; error: HostErrorInfo } | { kind: 'too-large'; chars: number } | { kind: 'unreadable'; message: string };

export type ImportState = { status: 'idle' } | { status: 'importing'; fileName: string } | { status: 'failed'; fileName: string; failure: ImportFailure };

export type RunState = { status: 'idle' } | { status: 'running'; runId: string; progress: ScenarioProgress | null; cancelling: boolean } | { status: 'failed'; error: HostErrorInfo };

export interface ScenarioStoreState {
  hazard: HazardView | null;
  importing: ImportState;
  draft: ScenarioDraft | null;
  run: RunState;
  /** The last completed run; its plans are compared until the next one. */
  result: ScenarioRun | null;
  /** The plan, day (0-based) and category the map shows. */
  view: { plan: string | null; day: number; category: string | null };
  actions: {
    restore(): Promise<void>;
    importFile(file: { name: string; text(): Promise<string> }): Promise<void>;
    /** Starts an empty scenario without a hazard file. */
    startBlank(region: string): void;
    editDraft(change: Partial<Pick<ScenarioDraft, 'title' | 'days' | 'coldSeason'>>): void;
    editAffected(region: string, change: Partial<Omit<AffectedDraft, 'region'>>): void;
    addAffected(region: string): void;
    removeAffected(region: string): void;
    editPlan(index: number, change: Partial<PlanDraft>): void;
    addPlan(): void;
    removePlan(index: number): void;
    run(scenario: ScenarioRun['scenario']): Promise<void>;
    cancel(): Promise<void>;
    showPlan(plan: string): void;
    showDay(day: number): void;
    showCategory(category: string): void;
  };
}

export function createScenarioStore(api: () => InrsApi) {
  let runs = 0;
  return create<ScenarioStoreState>()((set, get) => {
    const withDraft = (change: (d: ScenarioDraft) => ScenarioDraft) => set((s) => (s.draft ? { draft: change(s.draft) } : {}));
    const viewOf = (run: ScenarioRun, plan: string | null) => ({
      plan: plan && run.result.plans.some((p) => p.id === plan) ? plan : bestPlan(run.result),
      day: 0,
      category: categoriesOf(run.result)[0] ?? null,
    });
    return {
      hazard: null,
      importing: { status: 'idle' },
      draft: null,
      run: { status: 'idle' },
      result: null,
      view: { plan: null, day: 0, category: null },
      actions: {
        restore: async () => {
          const current = await api().scenario.current();
          if (!current.ok || get().hazard || get().result) return;
          const { hazard, run } = current.value;
          set({
            hazard,
            draft: run ? draftOfScenario(run.scenario) : hazard ? draftOfScenario(hazard.scenario) : null,
            result: run,
            ...(run ? { view: viewOf(run, null) } : {}),
          });
        },

        importFile: async (file) => {
          if (get().importing.status === 'importing') return;
          set({ importing: { status: 'importing', fileName: file.name } });
          let text: string;
          try {
            text = await file.text();
          } catch (err) {
            return set({ importing: { status: 'failed', fileName: file.name, failure: { kind: 'unreadable', message: (err as Error).message } } });
          }
          if (text.length > HAZARD_MAX_CHARS) return set({ importing: { status: 'failed', fileName: file.name, failure: { kind: 'too-large', chars: text.length } } });
          const result = await api().hazard.import({ fileName: file.name, text });
          // A refused file changes nothing: the hazard, the scenario and the run shown stay as they were.
          if (!result.ok) return set({ importing: { status: 'failed', fileName: file.name, failure: { kind: 'host', error: result.error } } });
          set({ importing: { status: 'idle' }, hazard: result.value, draft: draftOfScenario(result.value.scenario) });
        },

        startBlank: (region) =>
          set({
            draft: {
              title: '',
              days: '7',
              coldSeason: false,
              affected: [{ region, population: '100000', onset: '1', duration: '7' }],
              plans: [
                { id: 'affected-regions', sources: [region], transport: '', lead: '', belowFloor: false, civilian: false },
                { id: 'all-regions', sources: 'all', transport: '', lead: '', belowFloor: false, civilian: false },
              ],
            },
          }),
        editDraft: (change) => withDraft((d) => ({ ...d, ...change })),
        editAffected: (region, change) => withDraft((d) => ({ ...d, affected: d.affected.map((a) => (a.region === region ? { ...a, ...change } : a)) })),
        addAffected: (region) =>
          withDraft((d) => (d.affected.some((a) => a.region === region) ? d : { ...d, affected: [...d.affected, { region, population: '100000', onset: '1', duration: d.days }] })),
        removeAffected: (region) => withDraft((d) => ({ ...d, affected: d.affected.filter((a) => a.region !== region) })),
        editPlan: (index, change) => withDraft((d) => ({ ...d, plans: d.plans.map((p, i) => (i === index ? { ...p, ...change } : p)) })),
        addPlan: () => withDraft((d) => ({ ...d, plans: [...d.plans, newPlan(d.plans)] })),
        removePlan: (index) => withDraft((d) => ({ ...d, plans: d.plans.filter((_, i) => i !== index) })),

        run: async (scenario) => {
          if (get().run.status === 'running') return;
          const runId = `scn-${Date.now().toString(36)}-${++runs}`;
          set({ run: { status: 'running', runId, progress: null, cancelling: false } });
          const off = api().events.on('scenario:progress', (p) => {
            const run = get().run;
            if (run.status === 'running' && run.runId === p.runId && p.phase !== 'done') set({ run: { ...run, progress: p } });
          });
          const result = await api().scenario.run({ scenario, runId });
          off();
          if (!result.ok) return set({ run: result.error.code === 'cancelled' ? { status: 'idle' } : { status: 'failed', error: result.error } });
          set((s) => ({ run: { status: 'idle' }, result: result.value, view: viewOf(result.value, s.view.plan) }));
        },

        cancel: async () => {
          const run = get().run;
          if (run.status !== 'running') return;
          set({ run: { ...run, cancelling: true } });
          await api().scenario.cancel({ runId: run.runId });
        },

        showPlan: (plan) => set((s) => ({ view: { ...s.view, plan } })),
        showDay: (day) => set((s) => ({ view: { ...s.view, day } })),
        showCategory: (category) => set((s) => ({ view: { ...s.view, category } })),
      },
    };
  });
}

export const useScenarioStore = createScenarioStore(getInrs);

export const scenarioSelectors = {
  hazard: (s: ScenarioStoreState) => s.hazard,
  importing: (s: ScenarioStoreState) => s.importing,
  draft: (s: ScenarioStoreState) => s.draft,
  run: (s: ScenarioStoreState) => s.run,
  result: (s: ScenarioStoreState) => s.result,
  view: (s: ScenarioStoreState) => s.view,
  actions: (s: ScenarioStoreState) => s.actions,
};
