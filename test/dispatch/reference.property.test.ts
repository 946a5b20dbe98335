import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDispatchProblem, solveDispatch, travelHours, type DispatchProblem } from '../../src/core/dispatch';
import { referenceTransport } from './reference-solver';

/**
 * Random instances up to 4 depots × 4 demand points × 2 categories against the min-cost-flow
 * reference (reference-solver.ts): same optimum within 1e-6 relative, and HiGHS's flows satisfy
 * every constraint. fast-check prints the seed and the shrunk instance of a failure.
 */
const CATEGORIES = ['SH-TENT', 'WA-BOTTLE'] as const;

const point = fc.record({
  lon: fc.double({ min: 97, max: 123, noNaN: true }),
  lat: fc.double({ min: 20, max: 45, noNaN: true }),
});
const quantities = fc.record({ 'SH-TENT': fc.nat(60), 'WA-BOTTLE': fc.nat(60) });

const instance = fc.record({
  depots: fc.array(fc.record({ at: point, q: quantities }), { minLength: 1, maxLength: 4 }),
  demands: fc.array(fc.record({ at: point, q: quantities }), { minLength: 1, maxLength: 4 }),
  categories: fc.integer({ min: 1, max: 2 }),
  shortagePenalty: fc.constantFrom(1_000_000, 50, 5),
});

type Instance = typeof instance extends fc.Arbitrary<infer T> ? T : never;

function toProblem(x: Instance): DispatchProblem {
  const cats = CATEGORIES.slice(0, x.categories);
  const pick = (q: Record<string, number>) => Object.fromEntries(cats.map((c) => [c, q[c] ?? 0]));
  return parseDispatchProblem({
    depots: x.depots.map((d, i) => ({ id: `D${i}`, ...d.at, supply: pick(d.q) })),
    demands: x.demands.map((d, j) => ({ id: `P${j}`, ...d.at, demand: pick(d.q) })),
    shortagePenalty: x.shortagePenalty,
  });
}

function referenceOptimum(p: DispatchProblem): number {
  const hours = p.depots.map((d) => p.demands.map((q) => travelHours(d, q, p.roadFactor, p.speedKmh)));
  let total = 0;
  for (const c of CATEGORIES) {
    const r = referenceTransport(
      p.depots.map((d) => d.supply[c] ?? 0),
      p.demands.map((d) => d.demand[c] ?? 0),
      hours,
      p.shortagePenalty,
    );
    total += r.cost;
  }
  return total;
}

describe('dispatch against the reference solver (property)', () => {
  it('the reference itself gets a hand-checked case right', () => {
    // 2 depots (5, 5), 1 point needing 8; hours 1 and 2; penalty 100 → 5·1 + 3·2 = 11
    expect(referenceTransport([5, 5], [8], [[1], [2]], 100)).toEqual({ cost: 11, flow: [[5], [3]], shortage: [0] });
    // penalty below the far route's cost: the rest is left short
    expect(referenceTransport([5, 5], [8], [[1], [3]], 2)).toEqual({ cost: 11, flow: [[5], [0]], shortage: [3] });
  });

  it('finds the reference optimum and a feasible flow', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (x) => {
        const p = toProblem(x);
        const r = await solveDispatch(p);
        const expected = referenceOptimum(p);
        expect(Math.abs(r.objective - expected)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));

        for (const d of p.depots) {
          for (const c of Object.keys(d.supply)) {
            const out = r.flows.filter((f) => f.from === d.id && f.category === c).reduce((n, f) => n + f.quantity, 0);
            expect(out).toBeLessThanOrEqual((d.supply[c] ?? 0) + 1e-6);
          }
        }
        for (const q of p.demands) {
          for (const [c, need] of Object.entries(q.demand)) {
            const got = r.flows.filter((f) => f.to === q.id && f.category === c).reduce((n, f) => n + f.quantity, 0);
            const short = r.shortfalls.filter((s) => s.to === q.id && s.category === c).reduce((n, s) => n + s.quantity, 0);
            expect(got + short).toBeCloseTo(need, 6);
          }
        }
        for (const f of r.flows) {
          expect(f.quantity).toBeGreaterThan(1e-9);
          const from = p.depots.find((d) => d.id === f.from);
          const to = p.demands.find((d) => d.id === f.to);
          expect(f.hours).toBeCloseTo(travelHours(from!, to!, p.roadFactor, p.speedKmh), 12);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('one combined model and one model per category agree', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (x) => {
        const p = toProblem(x);
        const a = await solveDispatch(p, { mode: 'per-category' });
        const b = await solveDispatch(p, { mode: 'combined' });
        expect(Math.abs(a.objective - b.objective)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(a.objective)));
      }),
      { numRuns: 50 },
    );
  });
});
