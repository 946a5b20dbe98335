import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutBenchInstance } from '../../bench/layout.bench';
import { parseLayoutProblem, solveLayout, type LayoutProblem, type NearestArcsRound } from '../../src/core/layout';

/**
 * The nearest-arcs method against the monolithic MILP (HiGHS on all pairs with the strong links):
 * the same optimum within 1e-6 relative, bounds that rise round by round up to it, and a layout
 * that keeps maxOpen, every capacity and every demand.
 */
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

function expectFeasible(p: LayoutProblem, r: Extract<Awaited<ReturnType<typeof solveLayout>>, { status: 'optimal' }>) {
  expect(r.open.length).toBeLessThanOrEqual(p.maxOpen);
  const open = new Set(r.open);
  const out = new Map<string, number>();
  const got = new Map<string, number>();
  for (const f of r.flows) {
    expect(open.has(f.from)).toBe(true);
    out.set(f.from, (out.get(f.from) ?? 0) + f.quantity);
    got.set(f.to, (got.get(f.to) ?? 0) + f.quantity);
  }
  for (const c of p.candidates) expect(out.get(c.id) ?? 0).toBeLessThanOrEqual(c.capacity * (1 + 1e-9) + 1e-9);
  for (const d of p.demands) expect(Math.abs((got.get(d.id) ?? 0) - d.demand)).toBeLessThanOrEqual(1e-6 * Math.max(1, d.demand));
}

describe('layout on the nearest arcs', () => {
  it('finds the monolithic optimum on the bench generator at 30 × 200, its bound rising each round', async () => {
    const p = layoutBenchInstance({ candidates: 30, demands: 200 }, 7);
    const rounds: NearestArcsRound[] = [];
    const mono = await solveLayout(p, { method: 'monolithic' });
    const near = await solveLayout(p, { initialArcs: 2, onRound: (r) => rounds.push(r) });
    expect(mono.status).toBe('optimal');
    expect(near.status).toBe('optimal');
    if (mono.status !== 'optimal' || near.status !== 'optimal') return;
    expect(close(near.objective, mono.objective)).toBe(true);
    expect(near.method).toBe('nearest-arcs');
    // Two arcs per point are not enough here: the first rounds send points beyond them.
    expect(rounds.length).toBeGreaterThan(1);
    expect(near.rounds).toBe(rounds.length);
    expect(rounds.at(-1)?.overflowPoints).toBe(0);
    for (const r of rounds.slice(0, -1)) expect(r.overflowPoints).toBeGreaterThan(0);
    for (let k = 1; k < rounds.length; k++) expect(rounds[k]!.bound).toBeGreaterThanOrEqual(rounds[k - 1]!.bound - 1e-6 * Math.abs(rounds[k - 1]!.bound));
    for (const r of rounds) expect(r.bound).toBeLessThanOrEqual(mono.objective * (1 + 1e-9));
    expect(close(rounds.at(-1)!.bound, near.objective)).toBe(true);
    expect(near.arcs).toBeLessThan(30 * 200);
    expectFeasible(p, near);
  }, 120_000);

  it('matches the monolithic MILP on random instances where capacity binds, from one arc per point', async () => {
    const point = fc.record({ lon: fc.double({ min: 100, max: 120, noNaN: true }), lat: fc.double({ min: 22, max: 40, noNaN: true }) });
    const instance = fc.record({
      sites: fc.array(fc.record({ at: point, fixedCost: fc.integer({ min: 0, max: 400 }), capacity: fc.integer({ min: 0, max: 120 }) }), { minLength: 1, maxLength: 10 }),
      points: fc.array(fc.record({ at: point, demand: fc.integer({ min: 0, max: 40 }) }), { minLength: 1, maxLength: 24 }),
      maxOpen: fc.integer({ min: 0, max: 8 }),
      initialArcs: fc.integer({ min: 1, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(instance, async (x) => {
        const p = parseLayoutProblem({
          candidates: x.sites.map((c, i) => ({ id: `S${i}`, ...c.at, fixedCost: c.fixedCost, capacity: c.capacity })),
          demands: x.points.map((d, j) => ({ id: `P${j}`, ...d.at, demand: d.demand })),
          maxOpen: x.maxOpen,
        });
        const mono = await solveLayout(p, { method: 'monolithic' });
        const near = await solveLayout(p, { initialArcs: x.initialArcs });
        expect(near.status).toBe(mono.status);
        if (mono.status !== 'optimal' || near.status !== 'optimal') return;
        expect(close(near.objective, mono.objective)).toBe(true);
        expectFeasible(p, near);
      }),
      { numRuns: 60 },
    );
  }, 300_000);

  it('stops at its time limit with the bound it has proven', async () => {
    const p = layoutBenchInstance({ candidates: 30, demands: 200 }, 7);
    await expect(solveLayout(p, { initialArcs: 1, timeLimitS: 1e-9 })).rejects.toThrow(/time limit/);
  });
});
