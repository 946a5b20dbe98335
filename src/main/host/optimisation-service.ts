import { randomBytes } from 'node:crypto';
import { HostError, type CostStructure, type LayoutView, type OptimisationProgress, type ParsedRequestOf, type RotationIssueResult, type RotationView, type SizingView } from '../../shared/contract';
import { loadCostModel, type CostModel } from '../../core/costs/cost-model';
import { costStructure } from '../../core/optimisation/cost-structure';
import { createOptimisationSolver, type OptimisationSolver } from '../../core/optimisation/optimisation-client';
import { AFFECTED_SHARE } from '../../core/optimisation/reserve-sizing';
import { RESPONSE_DAYS } from '../../shared/domain/reserve-figures';
import { rotationInstructions, rotationIssueProblems } from '../../core/optimisation/rotation-instructions';
import type { ReplicaClient } from '../../core/replica/replica-client';
import { monthIndex, monthName } from '../../core/rotation';
import { requireSender, type CommandSender } from './command-sender';
import type { HostHandlers } from './dispatcher';

export interface OptimisationServiceDeps {
  replica: ReplicaClient;
  commands: () => CommandSender | null;
  progress?: (progress: OptimisationProgress) => void;
  /** Started on first use when absent. */
  solver?: OptimisationSolver;
  costs?: () => CostModel;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface OptimisationService {
  rotation(request: ParsedRequestOf<'optimisation:rotation'>): Promise<RotationView>;
  issueRotation(request: ParsedRequestOf<'optimisation:issue-rotation'>): Promise<{ results: RotationIssueResult[] }>;
  costs(request: ParsedRequestOf<'optimisation:costs'>): Promise<CostStructure>;
  layout(request: ParsedRequestOf<'optimisation:layout'>): Promise<LayoutView>;
  sizing(request: ParsedRequestOf<'optimisation:sizing'>): Promise<SizingView>;
  dispose(): Promise<void>;
}

const shortId = (): string => (randomBytes(5).readUIntBE(0, 5) % 36 ** 6).toString(36).padStart(6, '0').toUpperCase();

/**
 * The optimisation wall on the host: readings from the replica worker, solves in the
 * optimisation worker, and a rotation plan issued as signed `rotation` instructions through the
 * command sender, one per region and month. The server decides; a refusal is an answer.
 */
export function createOptimisationService(deps: OptimisationServiceDeps): OptimisationService {
  let solver = deps.solver ?? null;
  let costModel: CostModel | null = null;
  const costsOf = (): CostModel => (costModel ??= deps.costs ? deps.costs() : loadCostModel());
  const now = deps.now ?? (() => new Date());
  // The cost structure reuses the calendar's latest plan of the scope (a live replica changes every
  // few seconds: the officer replans when he chooses, the costs follow the plan he sees).
  const plans = new Map<string, Promise<RotationView>>();

  const plan = async (region: string | null, months: number, runId: string | null): Promise<RotationView> => {
    const progress = (phase: OptimisationProgress['phase'], done = 0, total = 0) => deps.progress?.({ runId, task: 'rotation', phase, done, total });
    progress('reading');
    try {
      const reading = await deps.replica.call('optimisationRotation', [{ months, region, costs: costsOf() }]);
      progress('solving', 0, 1);
      const started = performance.now();
      const result = await (solver ??= createOptimisationSolver()).rotation(reading.input);
      const solveMillis = Math.round(performance.now() - started);
      const first = monthIndex(reading.input.firstMonth);
      const used = new Set([...result.rotations.map((r) => r.depot), ...result.unplanned.map((u) => u.depot), ...result.floorByMonth.map((f) => f.depot)]);
      return {
        region,
        firstMonth: reading.input.firstMonth,
        months: Array.from({ length: months }, (_, i) => monthName(first + i)),
        depots: reading.depots.filter((d) => used.has(d.code)),
        categories: reading.categories,
        rotations: result.rotations.map(({ lot, depot, category, quantity, month, sellBy, arrives, cost }) => ({ lot, depot, category, quantity, month, sellBy, arrives, cost })),
        floorByMonth: result.floorByMonth,
        unplanned: result.unplanned,
        cost: result.cost,
        model: result.model,
        solveMillis,
      };
    } finally {
      progress('done');
    }
  };
  const cachedPlan = (region: string | null, months: number, runId: string | null, fresh: boolean): Promise<RotationView> => {
    const key = `${region ?? 'all'}|${months}`;
    const hit = plans.get(key);
    if (hit && !fresh) return hit;
    const p = plan(region, months, runId);
    plans.set(key, p);
    // A failed plan is not kept: the next ask tries again.
    p.catch(() => {
      if (plans.get(key) === p) plans.delete(key);
    });
    return p;
  };

  return {
    rotation: ({ region, months, runId }) => cachedPlan(region, months, runId ?? null, true),

    async issueRotation({ rotations, label }) {
      const sender = requireSender(deps.commands(), 'instruction.issue');
      // Checked against the replica as it is now, not as it was when the plan was made.
      const holdings = await deps.replica.call('rotationHoldings', [rotations.map((r) => ({ lot: r.lot, depot: r.depot }))]);
      const problems = rotationIssueProblems(rotations, holdings);
      if (problems.length > 0) {
        const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
        throw new HostError('bad-request', `optimisation:issue-rotation: ${problems.slice(0, 5).join('; ')}${more}`);
      }
      const instructions = rotationInstructions(rotations, holdings, sender.identity, now(), shortId());
      const results = await Promise.all(
        instructions.map(async ({ region, month, instruction }): Promise<RotationIssueResult> => {
          const base = { region, month, instructionId: instruction.id, lines: instruction.lines.length };
          try {
            const answer = await sender.send(region, null, { kind: 'instruction.issue', instruction });
            return { ...base, status: answer.status, code: answer.code, reason: answer.reason, seq: answer.seq };
          } catch (err) {
            const noLink = err instanceof HostError && err.code === 'not-connected';
            return { ...base, status: 'not-sent', code: noLink ? 'no-link' : 'send-failed', reason: (err as Error).message, seq: null };
          }
        }),
      );
      deps.log?.(`rotation "${label}": ${results.map((r) => `${r.instructionId} ${r.status}${r.code ? ` (${r.code})` : ''}`).join(', ')}`);
      return { results };
    },

    async costs({ region }) {
      const model = costsOf();
      const view = await cachedPlan(region, 12, null, false);
      const reading = await deps.replica.call('optimisationCosts', [{ region, months: view.months }]);
      const regionOf = new Map(view.depots.map((d) => [d.code, d.region]));
      const figures = costStructure(
        model,
        view.months,
        reading.stock,
        reading.transfers,
        view.rotations.map((r) => ({ region: regionOf.get(r.depot) ?? reading.depotRegion[r.depot] ?? '000000', category: r.category, month: r.month, cost: r.cost })),
      );
      const categories = new Map(reading.categories.map((c) => [c.code, c]));
      const regions = await deps.replica.call('provinces', []);
      const regionName = new Map(regions.map((r) => [r.adcode, r]));
      return {
        region,
        currency: 'CNY',
        demo: JSON.stringify(model).includes('"source":"demo"'),
        months: figures.months,
        byMonth: figures.byMonth,
        byCategory: figures.byCategory.map((c) => ({ ...c, nameZh: categories.get(c.category)?.nameZh ?? c.category, nameEn: categories.get(c.category)?.nameEn ?? c.category, class: categories.get(c.category)?.class ?? '' })),
        byRegion: figures.byRegion.map((r) => ({ ...r, nameZh: regionName.get(r.region)?.nameZh ?? r.region, nameEn: regionName.get(r.region)?.nameEn ?? r.region })),
        uncosted: figures.uncosted,
      };
    },

    async layout({ region, maxOpen, runId }) {
      const progress = (phase: OptimisationProgress['phase'], done = 0, total = 0) => deps.progress?.({ runId: runId ?? null, task: 'layout', phase, done, total });
      progress('reading');
      try {
        const reading = await deps.replica.call('optimisationLayout', [{ region, maxOpen }]);
        const outcome = await (solver ??= createOptimisationSolver()).layout(reading, (done, total) => progress('solving', done, total));
        return { ...outcome, region };
      } finally {
        progress('done');
      }
    },

    async sizing({ region }) {
      const [rows, provinces] = await Promise.all([deps.replica.call('optimisationSizing', [region]), deps.replica.call('provinces', [])]);
      const names = new Map(provinces.map((p) => [p.adcode, p]));
      return {
        affectedShare: AFFECTED_SHARE,
        responseDays: RESPONSE_DAYS,
        rows: rows.map((r) => ({ ...r, nameZh: names.get(r.region)?.nameZh ?? r.region, nameEn: names.get(r.region)?.nameEn ?? r.region })),
      };
    },

    async dispose() {
      await solver?.dispose();
    },
  };
}

type OptimisationChannel = `optimisation:${'rotation' | 'issue-rotation' | 'costs' | 'layout' | 'sizing'}`;

export function createOptimisationHandlers(service: OptimisationService): Pick<HostHandlers, OptimisationChannel> {
  return {
    'optimisation:rotation': (request) => service.rotation(request),
    'optimisation:issue-rotation': (request) => service.issueRotation(request),
    'optimisation:costs': (request) => service.costs(request),
    'optimisation:layout': (request) => service.layout(request),
    'optimisation:sizing': (request) => service.sizing(request),
  };
}
