import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDispatchProblem, solveDispatch, type DispatchProblem } from '../../src/core/dispatch';
import { categoryBlocks, hoursMatrix } from '../../src/core/dispatch/model';
import { solveBlockPriced } from '../../src/core/dispatch/priced';
import { highsRuntime } from '../../src/core/optim/highs';

/**
 * Column generation (src/core/dispatch/priced.ts) against the full model (every arc handed to
 * HiGHS at once): the same optimum on random instances, started from very few arcs so that the
 * pricing rounds do the work, and on a hand instance where the nearest arcs alone leave a point
 * short although a farther depot has stock.
 */
const relClose = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

const point = fc.record({ lon: fc.double({ min: 100, max: 120, noNaN: true }), lat: fc.double({ min: 22, max: 42, noNaN: true }) });
const CATS = ['SH-TENT', 'WA-BOTTLE'] as const;
const quantities = fc.record({ 'SH-TENT': fc.nat(80), 'WA-BOTTLE': fc.nat(80) });
const instance = fc.record({
  depots: fc.array(fc.record({ at: point, q: quantities }), { minLength: 1, maxLength: 14 }),
  demands: fc.array(fc.record({ at: point, q: quantities }), { minLength: 1, maxLength: 10 }),
  shortagePenalty: fc.constantFrom(1_000_000, 30, 3),
  nearest: fc.integer({ min: 1, max: 3 }),
  addPerPoint: fc.integer({ min: 1, max: 3 }),
});

type Instance = typeof instance extends fc.Arbitrary<infer T> ? T : never;

/** Once seen: a warm start after the first pricing round ended with no verdict from HiGHS. */
const at = (lon: number, lat: number) => ({ lon, lat });
const water = (n: number) => ({ 'SH-TENT': 0, 'WA-BOTTLE': n });
const NO_VERDICT_ON_WARM_START: Instance = {
  depots: [
    { at: at(100, 22.315594495923), q: water(1) },
    { at: at(104.5715893995164, 29.813067315832562), q: water(1) },
  ],
  demands: [
    { at: at(100, 27.14097834129826), q: water(1) },
    { at: at(100, 22), q: water(1) },
    { at: at(100, 27.140740467458834), q: water(3) },
    { at: at(100, 27.140736316760442), q: water(1) },
    { at: at(105.50975512531821, 24.405067823414644), q: water(2) },
    { at: at(109.87816914263995, 22), q: water(5) },
  ],
  shortagePenalty: 1_000_000,
  nearest: 1,
  addPerPoint: 1,
};

function toProblem(x: Instance): DispatchProblem {
  const pick = (q: Record<string, number>) => Object.fromEntries(CATS.map((c) => [c, q[c] ?? 0]));
  return parseDispatchProblem({
    depots: x.depots.map((d, i) => ({ id: `D${i}`, ...d.at, supply: pick(d.q) })),
    demands: x.demands.map((d, j) => ({ id: `P${j}`, ...d.at, demand: pick(d.q) })),
    shortagePenalty: x.shortagePenalty,
  });
}

describe('dispatch by column generation', () => {
  it('reaches the full model’s optimum on random instances, with feasible flows', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (x) => {
        const p = toProblem(x);
        const full = await solveDispatch(p, { mode: 'per-category' });
        const priced = await solveDispatch(p, { mode: 'priced', pricing: { nearest: x.nearest, addPerPoint: x.addPerPoint } });
        expect(relClose(priced.objective, full.objective)).toBe(true);
        for (const d of p.depots) {
          for (const c of CATS) {
            const out = priced.flows.filter((f) => f.from === d.id && f.category === c).reduce((n, f) => n + f.quantity, 0);
            expect(out).toBeLessThanOrEqual((d.supply[c] ?? 0) + 1e-6);
          }
        }
        for (const q of p.demands) {
          for (const c of CATS) {
            const got = priced.flows.filter((f) => f.to === q.id && f.category === c).reduce((n, f) => n + f.quantity, 0);
            const short = priced.shortfalls.filter((s) => s.to === q.id && s.category === c).reduce((n, s) => n + s.quantity, 0);
            expect(got + short).toBeCloseTo(q.demand[c] ?? 0, 6);
          }
        }
      }),
      { numRuns: 120, examples: [[NO_VERDICT_ON_WARM_START]] },
    );
  });

  it('prices in the arcs a point needs beyond its nearest depots', async () => {
    // A (10 units) is the nearest depot of both P and Q, which need 10 each; B, two degrees
    // south, holds 50. With one starting arc per point, one of them is short until the duals
    // price in an arc from B.
    const p = parseDispatchProblem({
      depots: [
        { id: 'A', lon: 112, lat: 30, supply: { X: 10 } },
        { id: 'B', lon: 112, lat: 28, supply: { X: 50 } },
      ],
      demands: [
        { id: 'P', lon: 112, lat: 30.1, demand: { X: 10 } },
        { id: 'Q', lon: 112.1, lat: 30, demand: { X: 10 } },
      ],
    });
    const highs = await highsRuntime();
    const [block] = categoryBlocks(p);
    const r = solveBlockPriced(highs, p, hoursMatrix(p), block!, { nearest: 1, addPerPoint: 1 });
    expect(r.rounds).toBeGreaterThan(1);
    expect([...r.shortage]).toEqual([0, 0]);

    const priced = await solveDispatch(p, { mode: 'priced', pricing: { nearest: 1 } });
    const full = await solveDispatch(p, { mode: 'per-category' });
    expect(priced.shortfalls).toEqual([]);
    expect(priced.objective).toBeCloseTo(full.objective, 9);
    expect(priced.flows.filter((f) => f.from === 'B').reduce((n, f) => n + f.quantity, 0)).toBeCloseTo(10, 9);
  });

  it('is the default and agrees with the full model on a larger instance that needs pricing', async () => {
    // 60 depots and 40 points on a grid, supply short near the points: the nearest twelve
    // depots of each point cannot serve it, farther ones must be priced in.
    const depots = Array.from({ length: 60 }, (_, i) => ({ id: `D${i}`, lon: 100 + (i % 10) * 2, lat: 25 + Math.floor(i / 10) * 2, supply: { X: i % 3 === 0 ? 40 : 2 } }));
    const demands = Array.from({ length: 40 }, (_, j) => ({ id: `P${j}`, lon: 101 + (j % 8) * 2.1, lat: 26 + Math.floor(j / 8) * 1.9, demand: { X: 25 } }));
    const p = parseDispatchProblem({ depots, demands });
    const highs = await highsRuntime();
    const [block] = categoryBlocks(p);
    const r = solveBlockPriced(highs, p, hoursMatrix(p), block!);
    expect(r.rounds).toBeGreaterThan(1);
    const full = await solveDispatch(p, { mode: 'per-category' });
    const priced = await solveDispatch(p);
    expect(relClose(priced.objective, full.objective)).toBe(true);
    expect(priced.shortfalls.reduce((n, s) => n + s.quantity, 0)).toBeCloseTo(full.shortfalls.reduce((n, s) => n + s.quantity, 0), 6);
  });
});
