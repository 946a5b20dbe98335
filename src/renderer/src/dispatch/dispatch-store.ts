import { create } from 'zustand';
import type {
  CommandAnswer,
  DispatchProgress,
  DispatchRecommendation,
  ForwardResult,
  HostErrorInfo,
  InrsApi,
  RegionIssueResult,
} from '../../../shared/contract';
import { getInrs } from '../bridge';
import { applyEdit, arcsOf, issueLines, linesOf, type DispatchArc, type PlanEdit, type PlanLine } from './plan-edits';

/** People to supply in a region just added to the scenario, until the officer says otherwise. */
export const DEFAULT_PEOPLE = 100_000;

export interface ScenarioForm {
  regions: string[];
  /** As typed, per region. */
  people: Record<string, string>;
  days: string;
  coldSeason: boolean;
  /** The officer changed the regions: the emergency default no longer applies. */
  touched: boolean;
  /** Source provinces and the plan they come from, when a simulated plan was turned into this scenario. */
  sources: { plan: string; regions: string[] } | null;
  /** The lorries, as typed: empty tonnes per day means transport is not limited. */
  transport: TransportForm;
}

export interface TransportForm {
  tonnesPerDay: string;
  days: string;
  civilian: boolean;
}

export const NO_TRANSPORT_LIMIT: TransportForm = { tonnesPerDay: '', days: '3', civilian: false };

/** A simulated response plan as a dispatch scenario (features/scenario/to-dispatch.ts). */
export interface DispatchPrefill {
  plan: string;
  regions: string[];
  people: Record<string, number>;
  days: number;
  coldSeason: boolean;
  /** null: every province may send. */
  sourceRegions: string[] | null;
}

export type RunState =
  | { status: 'idle' }
  | { status: 'running'; runId: string; progress: DispatchProgress | null }
  | { status: 'failed'; error: HostErrorInfo };

export type IssueState =
  | { status: 'idle' }
  | { status: 'confirming' }
  | { status: 'sending' }
  | { status: 'done'; results: RegionIssueResult[] }
  | { status: 'failed'; error: HostErrorInfo };

export interface DispatchStoreState {
  form: ScenarioForm;
  run: RunState;
  /** The plan open in the app (its arcs are on the map while it is). */
  recommendation: DispatchRecommendation | null;
  lines: PlanLine[];
  /** The category whose arcs the map shows. */
  mapCategory: string | null;
  /** Derived from lines and mapCategory; one array per change so the map layer keeps its cache. */
  arcs: DispatchArc[] | null;
  issue: IssueState;
  /** Outcome of each acknowledgement, by instruction id. */
  acks: Record<string, { status: 'sending' } | { status: 'answered'; answer: CommandAnswer } | { status: 'failed'; error: HostErrorInfo }>;
  /** Outcome of forwarding an instruction to its depots, by the parent's id. */
  forwards: Record<string, { status: 'sending' } | { status: 'answered'; results: ForwardResult[] } | { status: 'failed'; error: HostErrorInfo }>;
  actions: {
    setRegions(regions: string[], touched?: boolean): void;
    setPeople(region: string, text: string): void;
    setDays(text: string): void;
    setColdSeason(on: boolean): void;
    setTransport(patch: Partial<TransportForm>): void;
    /** Fills the scenario from a simulated plan and recommends at once; the officer still decides. */
    prefill(prefill: DispatchPrefill): Promise<void>;
    clearSources(): void;
    recommend(): Promise<void>;
    /** Reopens the plan the host kept (after a reload) unless the officer already has one open. */
    restore(): Promise<void>;
    edit(edit: PlanEdit): void;
    setMapCategory(category: string): void;
    close(): void;
    askIssue(): void;
    cancelIssue(): void;
    issue(label: string): Promise<void>;
    acknowledge(region: string, instructionId: string): Promise<void>;
    forward(region: string, instructionId: string): Promise<void>;
  };
}

const whole = (text: string): number | null => (/^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null);

type ScenarioRequest = Parameters<InrsApi['dispatch']['recommend']>[0]['scenario'];

/** The lorries as the host takes them: undefined when not limited, null while something typed is not valid. */
export function transportOf(t: TransportForm): ScenarioRequest['transport'] | null {
  if (t.tonnesPerDay.trim() === '') return undefined;
  const tonnesPerDay = /^\d{1,9}(\.\d{1,3})?$/.test(t.tonnesPerDay.trim()) ? Number(t.tonnesPerDay.trim()) : null;
  const days = whole(t.days);
  if (tonnesPerDay === null || days === null || days < 1 || days > 90) return null;
  return { tonnesPerDay, days, civilian: t.civilian };
}

/** The scenario as the host takes it, or null while something typed is not a whole number. */
export function scenarioOf(form: ScenarioForm): ScenarioRequest | null {
  const days = whole(form.days);
  if (form.regions.length === 0 || days === null || days < 1 || days > 90) return null;
  const population: Record<string, number> = {};
  for (const r of form.regions) {
    const p = whole(form.people[r] ?? '');
    if (p === null || p < 1) return null;
    population[r] = p;
  }
  const transport = transportOf(form.transport);
  if (transport === null) return null;
  return {
    regions: form.regions,
    population,
    durationDays: days,
    coldSeason: form.coldSeason,
    ...(form.sources ? { sourceRegions: form.sources.regions } : {}),
    ...(transport ? { transport } : {}),
  };
}


/** Edits are saved this long after the last keystroke. */
const SAVE_AFTER_MS = 300;

export function createDispatchStore(api: () => InrsApi) {
  let runs = 0;
  return create<DispatchStoreState>()((set, get) => {
    const withArcs = (lines: PlanLine[], mapCategory: string | null) => ({ lines, mapCategory, arcs: arcsOf(lines, mapCategory) });
    // The open plan is state the host keeps across reloads: saved after each change, forgotten when closed.
    let saveTimer: ReturnType<typeof setTimeout> | null = null;
    const saveNow = () => {
      const { recommendation, lines, mapCategory } = get();
      if (!recommendation) return;
      const plan = { recommendation, lines: lines.map((l) => ({ key: l.key, text: l.text, removed: l.removed })), mapCategory, savedAt: null };
      void api().dispatch['plan-save']({ plan });
    };
    const save = (delayMs = 0) => {
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = setTimeout(() => {
        saveTimer = null;
        saveNow();
      }, delayMs);
    };
    return {
      form: { regions: [], people: {}, days: '7', coldSeason: false, touched: false, sources: null, transport: NO_TRANSPORT_LIMIT },
      run: { status: 'idle' },
      recommendation: null,
      lines: [],
      mapCategory: null,
      arcs: null,
      issue: { status: 'idle' },
      acks: {},
      forwards: {},
      actions: {
        setRegions: (regions, touched = true) =>
          set((s) => ({
            form: {
              ...s.form,
              regions,
              people: Object.fromEntries(regions.map((r) => [r, s.form.people[r] ?? String(DEFAULT_PEOPLE)])),
              touched: s.form.touched || touched,
            },
          })),
        setPeople: (region, text) => set((s) => ({ form: { ...s.form, people: { ...s.form.people, [region]: text } } })),
        setDays: (text) => set((s) => ({ form: { ...s.form, days: text } })),
        setColdSeason: (on) => set((s) => ({ form: { ...s.form, coldSeason: on } })),
        setTransport: (patch) => set((s) => ({ form: { ...s.form, transport: { ...s.form.transport, ...patch } } })),
        prefill: async (p) => {
          if (get().run.status === 'running') return;
          set({
            form: {
              regions: p.regions,
              people: Object.fromEntries(p.regions.map((r) => [r, String(p.people[r] ?? DEFAULT_PEOPLE)])),
              days: String(p.days),
              coldSeason: p.coldSeason,
              touched: true,
              sources: p.sourceRegions ? { plan: p.plan, regions: p.sourceRegions } : null,
              transport: get().form.transport,
            },
          });
          await get().actions.recommend();
        },
        clearSources: () => set((s) => ({ form: { ...s.form, sources: null } })),

        recommend: async () => {
          const scenario = scenarioOf(get().form);
          if (!scenario || get().run.status === 'running') return;
          const runId = `run-${Date.now().toString(36)}-${++runs}`;
          set({ run: { status: 'running', runId, progress: null } });
          const off = api().events.on('dispatch:progress', (p) => {
            const run = get().run;
            if (run.status === 'running' && run.runId === p.runId && p.phase !== 'done') set({ run: { ...run, progress: p } });
          });
          const result = await api().dispatch.recommend({ scenario, runId });
          off();
          if (!result.ok) return set({ run: { status: 'failed', error: result.error } });
          const rec = result.value;
          const lines = linesOf(rec);
          set({ run: { status: 'idle' }, recommendation: rec, issue: { status: 'idle' }, ...withArcs(lines, lines[0]?.flow.category ?? null) });
          save();
        },

        restore: async () => {
          const result = await api().dispatch['plan-current']();
          const saved = result.ok ? result.value : null;
          // The officer's own work since the app opened wins over what was kept.
          if (!saved || get().recommendation || get().run.status === 'running' || get().form.touched) return;
          const rec = saved.recommendation;
          const edits = new Map(saved.lines.map((l) => [l.key, l]));
          const lines = linesOf(rec).map((l) => {
            const e = edits.get(l.key);
            return e ? { ...l, text: e.text, removed: e.removed } : l;
          });
          const mapCategory = saved.mapCategory ?? lines[0]?.flow.category ?? null;
          set((s) => ({
            form: {
              ...s.form,
              regions: rec.scenario.regions,
              people: Object.fromEntries(Object.entries(rec.scenario.population).map(([r, n]) => [r, String(n)])),
              days: String(rec.scenario.durationDays),
              coldSeason: rec.scenario.coldSeason,
              sources: rec.scenario.sourceRegions ? { plan: '', regions: rec.scenario.sourceRegions } : null,
              transport: rec.scenario.transport
                ? { tonnesPerDay: String(rec.scenario.transport.tonnesPerDay), days: String(rec.scenario.transport.days), civilian: rec.scenario.transport.civilian }
                : NO_TRANSPORT_LIMIT,
            },
            recommendation: rec,
            issue: { status: 'idle' },
            ...withArcs(lines, mapCategory),
          }));
        },

        edit: (e) => {
          set((s) => ({ ...withArcs(applyEdit(s.lines, e), s.mapCategory), issue: s.issue.status === 'done' ? s.issue : { status: 'idle' } }));
          save(SAVE_AFTER_MS);
        },
        setMapCategory: (category) => {
          set((s) => withArcs(s.lines, category));
          save(SAVE_AFTER_MS);
        },
        close: () => {
          const regions = get().recommendation?.scenario.regions;
          if (saveTimer) clearTimeout(saveTimer);
          saveTimer = null;
          set({ recommendation: null, lines: [], mapCategory: null, arcs: null, issue: { status: 'idle' } });
          if (regions && regions.length > 0) void api().dispatch['plan-clear']({ regions });
        },
        askIssue: () => {
          if (issueLines(get().lines)) set({ issue: { status: 'confirming' } });
        },
        cancelIssue: () => set({ issue: { status: 'idle' } }),

        issue: async (label) => {
          const lines = issueLines(get().lines);
          if (!lines || get().issue.status === 'sending') return;
          set({ issue: { status: 'sending' } });
          // The civilian transport units the recommendation calls on go with it, one instruction each to its holder.
          const tr = get().recommendation?.explanation.transport;
          const transport = tr?.units.map((u) => ({ unit: u.resourceId, tonnes: u.tonnes, days: tr.days })) ?? [];
          const result = await api().dispatch.issue({ lines, label, ...(transport.length > 0 ? { transport } : {}) });
          set({ issue: result.ok ? { status: 'done', results: result.value.results } : { status: 'failed', error: result.error } });
        },

        acknowledge: async (region, instructionId) => {
          set((s) => ({ acks: { ...s.acks, [instructionId]: { status: 'sending' } } }));
          const result = await api().instructions.acknowledge({ region, instructionId });
          set((s) => ({
            acks: { ...s.acks, [instructionId]: result.ok ? { status: 'answered', answer: result.value } : { status: 'failed', error: result.error } },
          }));
        },

        forward: async (region, instructionId) => {
          if (get().forwards[instructionId]?.status === 'sending') return;
          set((s) => ({ forwards: { ...s.forwards, [instructionId]: { status: 'sending' } } }));
          const result = await api().instructions.forward({ region, instructionId });
          set((s) => ({
            forwards: {
              ...s.forwards,
              [instructionId]: result.ok ? { status: 'answered', results: result.value.results } : { status: 'failed', error: result.error },
            },
          }));
        },
      },
    };
  });
}

export const useDispatchStore = createDispatchStore(getInrs);

export const dispatchSelectors = {
  form: (s: DispatchStoreState) => s.form,
  run: (s: DispatchStoreState) => s.run,
  recommendation: (s: DispatchStoreState) => s.recommendation,
  lines: (s: DispatchStoreState) => s.lines,
  mapCategory: (s: DispatchStoreState) => s.mapCategory,
  /** Arcs of the open plan for the map; null when no plan is open. */
  mapArcs: (s: DispatchStoreState) => s.arcs,
  issue: (s: DispatchStoreState) => s.issue,
  ack: (instructionId: string) => (s: DispatchStoreState) => s.acks[instructionId],
  forward: (instructionId: string) => (s: DispatchStoreState) => s.forwards[instructionId],
  actions: (s: DispatchStoreState) => s.actions,
};
