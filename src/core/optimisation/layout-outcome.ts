import { solveLayout } from '../layout/solve';
import type { LayoutReading } from '../replica/optimisation-queries';
import { COVERAGE_HOURS, coverageShares } from './layout-coverage';
import type { LayoutSiteInfo } from './layout-reduce';

/**
 * Before and after for the wall: the layout MILP on the reduced problem (after), and the same
 * demand served by today's sites only, each open, at no extra fixed cost (before: its flows show
 * what today's layout costs in travel). Costs are in the model's units: fixed cost per site plus
 * demand-weighted road hours.
 */
export type LayoutOutcome =
  | {
      status: 'optimal';
      sites: (LayoutSiteInfo & { proposed: boolean })[];
      coverage: { hours: number; before: number; after: number }[];
      cost: { before: number; after: number; fixedBefore: number; fixedAfter: number };
      size: { candidates: number; demands: number; current: number; maxOpen: number };
      solveMillis: number;
    }
  | { status: 'infeasible'; reason: string; size: { candidates: number; demands: number; current: number; maxOpen: number } };

export async function layoutOutcome({ reduced, people }: LayoutReading, onProgress?: (done: number, total: number) => void): Promise<LayoutOutcome> {
  const { problem, sites } = reduced;
  const current = sites.filter((s) => s.current);
  const currentIds = new Set(current.map((s) => s.id));
  const size = { candidates: problem.candidates.length, demands: problem.demands.length, current: current.length, maxOpen: problem.maxOpen };
  const started = performance.now();
  onProgress?.(0, 2);
  const after = await solveLayout(problem);
  onProgress?.(1, 2);
  if (after.status !== 'optimal') return { status: 'infeasible', reason: after.reason, size };
  const before = await solveLayout({ ...problem, candidates: problem.candidates.filter((c) => currentIds.has(c.id)).map((c) => ({ ...c, fixedCost: 0 })), maxOpen: current.length });
  onProgress?.(2, 2);
  const fixed = problem.candidates[0]?.fixedCost ?? 0;
  const open = new Set(after.open);
  const before4812 = coverageShares(people, current, problem.roadFactor, problem.speedKmh);
  const after4812 = coverageShares(
    people,
    sites.filter((s) => open.has(s.id)),
    problem.roadFactor,
    problem.speedKmh,
  );
  return {
    status: 'optimal',
    sites: sites.map((s) => ({ ...s, proposed: open.has(s.id) })),
    coverage: COVERAGE_HOURS.map((hours, i) => ({ hours, before: before4812[i] ?? 0, after: after4812[i] ?? 0 })),
    cost: {
      before: before.status === 'optimal' ? fixed * current.length + before.travelCost : Number.NaN,
      after: after.objective,
      fixedBefore: fixed * current.length,
      fixedAfter: after.fixedCost,
    },
    size,
    solveMillis: Math.round(performance.now() - started),
  };
}
