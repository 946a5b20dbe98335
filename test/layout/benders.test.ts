import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutBenchInstance } from '../../bench/layout.bench';
import { layoutMethod, parseLayoutProblem, solveLayout, type LayoutProblem } from '../../src/core/layout';

/**
 * The Benders decomposition against the monolithic MILP (HiGHS with the strong links): the same
 * optimum within 1e-6 relative, its lower bound meeting its objective, and a layout that keeps
 * maxOpen, every capacity and every demand.
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

describe('layout by Benders decomposition', () => {
  it('is chosen automatically above the strong links’ size, the MILP below', () => {
    expect(layoutMethod(layoutBenchInstance({ candidates: 100, demands: 500 }))).toBe('monolithic');
    expect(layoutMethod(layoutBenchInstance({ candidates: 300, demands: 2000 }))).toBe('benders');
  });

  it('finds the monolithic optimum on the bench generator at 30 × 200', async () => {
    const p = layoutBenchInstance({ candidates: 30, demands: 200 }, 7);
    const mono = await solveLayout(p, { method: 'monolithic' });
    const benders = await solveLayout(p, { method: 'benders' });
    expect(mono.status).toBe('optimal');
    expect(benders.status).toBe('optimal');
    if (mono.status !== 'optimal' || benders.status !== 'optimal') return;
    expect(close(benders.objective, mono.objective)).toBe(true);
    expect(benders.method).toBe('benders');
    expect(benders.lowerBound).toBeLessThanOrEqual(benders.objective);
    expect((benders.objective - (benders.lowerBound ?? 0)) / benders.objective).toBeLessThanOrEqual(1e-7);
    expectFeasible(p, benders);
  }, 120_000);

  it('matches the monolithic MILP on random instances where capacity binds', async () => {
    const point = fc.record({ lon: fc.double({ min: 100, max: 120, noNaN: true }), lat: fc.double({ min: 22, max: 40, noNaN: true }) });
    const instance = fc.record({
      sites: fc.array(fc.record({ at: point, fixedCost: fc.integer({ min: 0, max: 400 }), capacity: fc.integer({ min: 0, max: 120 }) }), { minLength: 1, maxLength: 10 }),
      points: fc.array(fc.record({ at: point, demand: fc.integer({ min: 0, max: 40 }) }), { minLength: 1, maxLength: 24 }),
      maxOpen: fc.integer({ min: 0, max: 8 }),
    });
    await fc.assert(
      fc.asyncProperty(instance, async (x) => {
        const p = parseLayoutProblem({
          candidates: x.sites.map((c, i) => ({ id: `S${i}`, ...c.at, fixedCost: c.fixedCost, capacity: c.capacity })),
          demands: x.points.map((d, j) => ({ id: `P${j}`, ...d.at, demand: d.demand })),
          maxOpen: x.maxOpen,
        });
        const mono = await solveLayout(p, { method: 'monolithic' });
        const benders = await solveLayout(p, { method: 'benders' });
        expect(benders.status).toBe(mono.status);
        if (mono.status !== 'optimal' || benders.status !== 'optimal') return;
        expect(close(benders.objective, mono.objective)).toBe(true);
        expectFeasible(p, benders);
      }),
      { numRuns: 60 },
    );
  }, 300_000);
});
