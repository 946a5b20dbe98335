import { randomBytes } from 'node:crypto';
import {
  HostError,
  type CommandAnswer,
  type DispatchProgress,
  type DispatchRecommendation,
  type ForwardResult,
  type ParsedRequestOf,
  type RegionIssueResult,
  type SavedDispatchPlan,
} from '../../shared/contract';
import { loadCostModel, type CostModel } from '../../core/costs/cost-model';
import { DispatchInputError } from '../../core/dispatch/errors';
import { issueLevel, issueProblems, planInstructions } from '../../core/dispatch/issue-plan';
import { transportCallProblems, transportInstructions } from '../../core/dispatch/transport-calls';
import { loadNorms, type NormsFile } from '../../core/dispatch/norms';
import { availableOf, neededCategories } from '../../core/dispatch/recommend';
import { createDispatchSolver, type DispatchSolver } from '../../core/dispatch/solver-client';
import { supplyInScope } from '../../core/dispatch/supply-scope';
import type { ReplicaClient } from '../../core/replica/replica-client';
import { requireSender, type CommandSender } from './command-sender';
import type { HostHandlers } from './dispatcher';
import { forwardInstruction } from './forward-instruction';
import { createPlanFile, planRegions } from './dispatch-plan-file';

export interface DispatchServiceDeps {
  replica: ReplicaClient;
  /** Signs and sends commands once the host is linked; null while offline. */
  commands: () => CommandSender | null;
  /** Progress of a recommendation, pushed to the renderer. */
  progress?: (progress: DispatchProgress) => void;
  /** Started on first use when absent. */
  solver?: DispatchSolver;
  norms?: () => NormsFile;
  /** Tonnes per unit of each category, for a scenario that limits transport (the bundled cost model when absent). */
  costs?: () => CostModel;
  now?: () => Date;
  log?: (line: string) => void;
  /** Where the open plan is kept across reloads (data folder); in memory when absent. */
  planFile?: string;
}

export interface DispatchService {
  recommend(request: ParsedRequestOf<'dispatch:recommend'>): Promise<DispatchRecommendation>;
  issue(request: ParsedRequestOf<'dispatch:issue'>): Promise<{ results: RegionIssueResult[] }>;
  acknowledge(request: ParsedRequestOf<'instructions:acknowledge'>): Promise<CommandAnswer>;
  forward(request: ParsedRequestOf<'instructions:forward'>): Promise<{ results: ForwardResult[] }>;
  /** The plan saved for regions still at a raised level; plans whose regions are all back to normal are dropped. */
  currentPlan(): Promise<SavedDispatchPlan | null>;
  savePlan(plan: SavedDispatchPlan): void;
  clearPlan(regions: string[]): void;
  dispose(): Promise<void>;
}

/** Six base-36 characters shared by the instructions of one issue. */
const shortId = (): string => (randomBytes(5).readUIntBE(0, 5) % 36 ** 6).toString(36).padStart(6, '0').toUpperCase();

/**
 * Dispatch on the host: a scenario's recommendation from the replica's stock above floor (the
 * solve runs in its own worker thread), and a plan issued as one signed instruction per source
 * region through the command sender. The server decides; a refusal is an answer, not an error.
 */
export function createDispatchService(deps: DispatchServiceDeps): DispatchService {
  let solver = deps.solver ?? null;
  let norms: NormsFile | null = null;
  const normsOf = (): NormsFile => (norms ??= deps.norms ? deps.norms() : loadNorms());
  let costs: CostModel | null = null;
  const tonnesPerUnit = (): Record<string, number> => {
    costs ??= deps.costs ? deps.costs() : loadCostModel();
    return Object.fromEntries(Object.entries(costs.categories).map(([c, k]) => [c, k.tonnesPerUnit.value]));
  };
  const now = deps.now ?? (() => new Date());
  const plans = createPlanFile(deps.planFile ?? null, deps.log);

  return {
    async recommend({ scenario, runId }) {
      const progress = (phase: DispatchProgress['phase'], done: number, total: number) => deps.progress?.({ runId: runId ?? null, phase, done, total });
      progress('reading', 0, 0);
      try {
        const n = normsOf();
        // Supply above floor is worked out in the replica worker, the plan in the dispatch worker:
        // at national scale each is hundreds of milliseconds the host's event loop does not wait on.
        const all = await deps.replica.call('dispatchSupply', [neededCategories(scenario, n)]);
        const officer = deps.commands()?.identity ?? null;
        const inScope = supplyInScope(all, officer && { role: officer.role, region: officer.region, depot: officer.depot });
        // A plan taken from a scenario run draws only on its source provinces.
        const sources = scenario.sourceRegions ? new Set(scenario.sourceRegions) : null;
        const fromSources = sources
          ? { ...inScope, depots: inScope.depots.filter((d) => sources.has(d.region)), transport: inScope.transport?.filter((u) => sources.has(u.region)) ?? [] }
          : inScope;
        const supply = scenario.transport ? { ...fromSources, tonnesPerUnit: tonnesPerUnit() } : fromSources;
        return await (solver ??= createDispatchSolver()).recommend({ scenario, supply, norms: n }, (done, total) => progress('solving', done, total));
      } catch (err) {
        if (err instanceof DispatchInputError) throw new HostError('bad-request', `dispatch:recommend: ${err.message}`);
        throw err;
      } finally {
        progress('done', 0, 0);
      }
    },

    async issue({ lines, label, transport = [] }) {
      const sender = requireSender(deps.commands(), 'instruction.issue');
      // Checked against the replica as it is now, not as it was when the plan was made.
      const categories = [...new Set(lines.map((l) => l.category))];
      const supply = await deps.replica.call('dispatchSupply', [categories]);
      const depotRegion = new Map(supply.depots.map((d) => [d.code, d.region]));
      const units = new Map((supply.transport ?? []).map((u) => [u.resourceId, u]));
      const problems = [...issueProblems(lines, depotRegion, availableOf(supply)), ...transportCallProblems(transport, units)];
      if (problems.length > 0) {
        const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
        throw new HostError('bad-request', `dispatch:issue: ${problems.slice(0, 5).join('; ')}${more}`);
      }
      const holders = new Map(supply.depots.flatMap((d) => (d.holder ? [[d.code, d.holder] as const] : [])));
      const at = now();
      const short = shortId();
      const instructions = planInstructions(lines, depotRegion, sender.identity, at, short, holders);
      try {
        const depots = new Map(supply.depots.map((d) => [d.code, d]));
        instructions.push(...transportInstructions(transport, lines, units, depots, tonnesPerUnit(), sender.identity, at, short, issueLevel(sender.identity)));
      } catch (err) {
        throw new HostError('bad-request', `dispatch:issue: ${(err as Error).message}`);
      }
      const results = await Promise.all(
        instructions.map(async ({ region, instruction }): Promise<RegionIssueResult> => {
          const base = { region, instructionId: instruction.id, lines: instruction.lines.length };
          try {
            const answer = await sender.send(region, null, { kind: 'instruction.issue', instruction });
            return { ...base, status: answer.status, code: answer.code, reason: answer.reason, seq: answer.seq };
          } catch (err) {
            // One region out of reach does not stop the others: it is reported, and can be issued again.
            const noLink = err instanceof HostError && err.code === 'not-connected';
            return { ...base, status: 'not-sent', code: noLink ? 'no-link' : 'send-failed', reason: (err as Error).message, seq: null };
          }
        }),
      );
      // An issued plan is no longer a plan to keep: every region took its instruction.
      if (results.every((r) => r.status === 'accepted')) {
        const issued = new Set(lines.map((l) => `${l.from}|${l.to}|${l.category}`));
        plans.retain((p) => !p.lines.some((l) => issued.has(l.key)));
      }
      deps.log?.(`dispatch "${label}": ${results.map((r) => `${r.instructionId} ${r.status}${r.code ? ` (${r.code})` : ''}`).join(', ')}`);
      return { results };
    },

    acknowledge({ region, instructionId }) {
      return requireSender(deps.commands(), 'instruction.acknowledge').send(region, null, { kind: 'instruction.acknowledge', instructionId });
    },

    forward(request) {
      return forwardInstruction(deps.replica, deps.commands(), request);
    },

    async currentPlan() {
      const { levels } = await deps.replica.call('emergencyState', [now().getTime()]);
      const raised = new Set(levels.filter((l) => l.level !== 'normal').map((l) => l.region));
      const kept = plans.retain((p) => planRegions(p).some((r) => raised.has(r)));
      return kept.reduce<SavedDispatchPlan | null>((newest, p) => (!newest || (p.savedAt ?? '') > (newest.savedAt ?? '') ? p : newest), null);
    },

    savePlan(plan) {
      plans.save({ ...plan, savedAt: now().toISOString() });
    },

    clearPlan(regions) {
      const key = [...regions].sort().join(',');
      plans.retain((p) => planRegions(p).join(',') !== key);
    },

    async dispose() {
      await solver?.dispose();
    },
  };
}

type DispatchChannel = 'dispatch:recommend' | 'dispatch:issue' | 'instructions:acknowledge' | 'instructions:forward' | `dispatch:plan-${'current' | 'save' | 'clear'}`;

export function createDispatchHandlers(service: DispatchService): Pick<HostHandlers, DispatchChannel> {
  return {
    'dispatch:plan-current': () => service.currentPlan(),
    'dispatch:plan-save': ({ plan }) => {
      service.savePlan(plan);
      return null;
    },
    'dispatch:plan-clear': ({ regions }) => {
      service.clearPlan(regions);
      return null;
    },
    'dispatch:recommend': (request) => service.recommend(request),
    'dispatch:issue': (request) => service.issue(request),
    'instructions:acknowledge': (request) => service.acknowledge(request),
    'instructions:forward': (request) => service.forward(request),
  };
}
