import { HostError, type HazardView, type ParsedRequestOf, type ScenarioProgress, type ScenarioRun } from '../../shared/contract';
import { loadCostModel, type CostModel } from '../../core/costs/cost-model';
import { loadNorms, type NormsFile } from '../../core/dispatch/norms';
import { HazardFileError, hazardScenario, parseHazardFile, type HazardFeature } from '../../core/hazard';
import type { ReplicaClient } from '../../core/replica/replica-client';
import { createSimulationRunner, scenarioNeeds, SimulateCancelledError, SimulateInputError, type SimulationRunner } from '../../core/simulate';
import type { HostHandlers } from './dispatcher';

export interface ScenarioServiceDeps {
  replica: ReplicaClient;
  /** Progress of a run, pushed to the renderer. */
  progress?: (progress: ScenarioProgress) => void;
  /** Started on first use when absent. */
  runner?: SimulationRunner;
  norms?: () => NormsFile;
  costs?: () => CostModel;
  /** The province polygons hazards fall on: the agency's GeoJSON basemap; the shipped one when absent. */
  basemapFile?: string;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface ScenarioService {
  importHazard(request: ParsedRequestOf<'hazard:import'>): Promise<HazardView>;
  run(request: ParsedRequestOf<'scenario:run'>): Promise<ScenarioRun>;
  cancel(runId: string): Promise<void>;
  current(): { hazard: HazardView | null; run: ScenarioRun | null };
  /** The last completed run, for the briefing's plan comparison. */
  lastRun(): ScenarioRun | null;
  dispose(): Promise<void>;
}

const hazardError = (fileName: string, err: HazardFileError): HostError =>
  new HostError('bad-request', `hazard:import: ${fileName}: ${err.message}`, { cause: 'hazard-input', problem: err.details?.problem ?? 'unreadable' });

function featureView(f: HazardFeature, index: number): HazardView['features'][number] {
  const label = f.id !== undefined ? String(f.id) : (f.properties.name ?? null);
  const { hazardType, level, validFrom, validTo, radiusKm } = f.properties;
  return { index, label, hazardType, level, validFrom, validTo, geometry: f.geometry, radiusKm: radiusKm ?? null };
}

/**
 * Hazard import and scenario simulation on the host: a warning file's text is checked here and
 * estimated in the simulation worker (its areas are sampled cell by cell), a scenario's plans
 * are solved there with progress, and the hazard and the last run are kept for a reload and for
 * the briefing. One run at a time; a cancel ends the worker's solve.
 */
export function createScenarioService(deps: ScenarioServiceDeps): ScenarioService {
  let runner = deps.runner ?? null;
  const runnerOf = () => (runner ??= createSimulationRunner());
  let norms: NormsFile | null = null;
  let costs: CostModel | null = null;
  const normsOf = () => (norms ??= deps.norms ? deps.norms() : loadNorms());
  const costsOf = () => (costs ??= deps.costs ? deps.costs() : loadCostModel());
  const now = deps.now ?? (() => new Date());
  let hazard: HazardView | null = null;
  let last: ScenarioRun | null = null;
  let active: { runId: string; cancelled: boolean } | null = null;

  return {
    async importHazard({ fileName, text }) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        throw hazardError(fileName, new HazardFileError(`not valid JSON (${(err as Error).message})`, 'not-json'));
      }
      try {
        const features = parseHazardFile(json);
        const estimate = await runnerOf().estimateHazard({ features, ...(deps.basemapFile ? { basemapFile: deps.basemapFile } : {}) });
        const scenario = hazardScenario(estimate, { title: fileName });
        // Only now, with everything read: a file that fails changes nothing.
        hazard = {
          fileName,
          importedAt: now().toISOString(),
          features: features.map(featureView),
          regions: estimate.regions,
          areaKm2: estimate.areaKm2,
          outsideKm2: estimate.outsideKm2,
          population: estimate.regions.reduce((n, r) => n + r.population, 0),
          scenario,
        };
        deps.log?.(`hazard ${fileName}: ${features.length} features over ${estimate.regions.length} regions`);
        return hazard;
      } catch (err) {
        if (err instanceof HazardFileError) throw hazardError(fileName, err);
        throw err;
      }
    },

    async run({ scenario, runId }) {
      if (active) throw new HostError('bad-request', `scenario:run: run ${active.runId} is still going; cancel it or wait for it`);
      const mine = { runId, cancelled: false };
      active = mine;
      const progress = (phase: ScenarioProgress['phase'], done = 0, total = 0) => deps.progress?.({ runId, phase, done, total });
      progress('reading');
      try {
        const n = normsOf();
        const categories = scenarioNeeds(scenario, n).map((c) => c.category);
        const supply = await deps.replica.call('simulationSupply', [categories]);
        if (mine.cancelled) throw new SimulateCancelledError('the simulation was cancelled');
        const result = await runnerOf().run({ scenario, supply, norms: n, costs: costsOf() }, (done, total) => progress('solving', done, total));
        last = { scenario, result, at: now().toISOString() };
        deps.log?.(`scenario "${scenario.title ?? ''}": ${result.plans.map((p) => `${p.id} ${Math.round(p.summary.shortfallPersonDays)} person-days short`).join(', ')}`);
        return last;
      } catch (err) {
        if (err instanceof SimulateCancelledError) throw new HostError('cancelled', `scenario:run: ${err.message}`);
        if (err instanceof SimulateInputError) throw new HostError('bad-request', `scenario:run: ${err.message}`);
        throw err;
      } finally {
        active = null;
        progress('done');
      }
    },

    async cancel(runId) {
      if (!active || active.runId !== runId) return;
      active.cancelled = true;
      await runner?.cancel();
    },

    current: () => ({ hazard, run: last }),
    lastRun: () => last,

    async dispose() {
      await runner?.dispose();
    },
  };
}

type ScenarioChannel = 'hazard:import' | 'scenario:run' | 'scenario:cancel' | 'scenario:current';

export function createScenarioHandlers(service: ScenarioService): Pick<HostHandlers, ScenarioChannel> {
  return {
    'hazard:import': (request) => service.importHazard(request),
    'scenario:run': (request) => service.run(request),
    'scenario:cancel': async ({ runId }) => {
      await service.cancel(runId);
      return null;
    },
    'scenario:current': () => service.current(),
  };
}
