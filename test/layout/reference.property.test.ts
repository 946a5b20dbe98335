import fc from 'fast-check';
import GLPK from 'glpk.js/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseLayoutProblem, solveLayout, type LayoutProblem } from '../../src/core/layout';
import { haversineKm } from '../../src/core/dispatch';

/**
 * Random instances (up to 6 candidates × 8 demand points) against GLPK (glpk.js), with the MILP
 * written here from the formulation, independently of src/core/layout: same optimum
 * within 1e-6 relative (also from a single arc per point, so the nearest-arcs rounds are exercised), and every output keeps maxOpen, the capacities and the demands.
 * fast-check prints the seed and the shrunk instance of a failure.
 */
type Glpk = Awaited<ReturnType<typeof GLPK>>;
let glpk: Glpk;
beforeAll(async () => {
  glpk = await GLPK();
});

const point = fc.record({ lon: fc.double({ min: 97, max: 123, noNaN: true }), lat: fc.double({ min: 20, max: 45, noNaN: true }) });
const instance = fc.record({
  candidates: fc.array(fc.record({ at: point, fixedCost: fc.integer({ min: 0, max: 3000 }), capacity: fc.integer({ min: 0, max: 120 }) }), { minLength: 1, maxLength: 6 }),
  demands: fc.array(fc.record({ at: point, demand: fc.integer({ min: 0, max: 60 }) }), { minLength: 1, maxLength: 8 }),
  maxOpen: fc.integer({ min: 0, max: 6 }),
});

function toProblem(x: typeof instance extends fc.Arbitrary<infer T> ? T : never): LayoutProblem {
  return parseLayoutProblem({
    candidates: x.candidates.map((c, i) => ({ id: `S${i}`, ...c.at, fixedCost: c.fixedCost, capacity: c.capacity })),
    demands: x.demands.map((d, j) => ({ id: `P${j}`, ...d.at, demand: d.demand })),
    maxOpen: x.maxOpen,
  });
}

/** GLPK's optimum of the model, or null when it finds none. */
function glpkOptimum(p: LayoutProblem): number | null {
  const hours = (i: number, j: number) => {
    const c = p.candidates[i]!;
    const d = p.demands[j]!;
    return (haversineKm(c.lon, c.lat, d.lon, d.lat) * p.roadFactor) / p.speedKmh;
  };
  const objective = [
    ...p.candidates.map((c, i) => ({ name: `o${i}`, coef: c.fixedCost })),
    ...p.candidates.flatMap((_, i) => p.demands.map((_, j) => ({ name: `f${i}_${j}`, coef: hours(i, j) }))),
  ];
  const subjectTo = [
    ...p.demands.map((d, j) => ({ name: `d${j}`, vars: p.candidates.map((_, i) => ({ name: `f${i}_${j}`, coef: 1 })), bnds: { type: glpk.GLP_FX, lb: d.demand, ub: d.demand } })),
    ...p.candidates.map((c, i) => ({
      name: `c${i}`,
      vars: [{ name: `o${i}`, coef: -c.capacity }, ...p.demands.map((_, j) => ({ name: `f${i}_${j}`, coef: 1 }))],
      bnds: { type: glpk.GLP_UP, lb: 0, ub: 0 },
    })),
    { name: 'maxOpen', vars: p.candidates.map((_, i) => ({ name: `o${i}`, coef: 1 })), bnds: { type: glpk.GLP_UP, lb: 0, ub: p.maxOpen } },
  ];
  const r = glpk.solve(
    { name: 'layout', objective: { direction: glpk.GLP_MIN, name: 'cost', vars: objective }, subjectTo, binaries: p.candidates.map((_, i) => `o${i}`) },
    { msglev: glpk.GLP_MSG_OFF, mipgap: 0 },
  );
  return r.result.status === glpk.GLP_OPT ? r.result.z : null;
}

describe('layout against GLPK (property)', () => {
  it('finds GLPK’s optimum, and reports infeasible exactly when GLPK finds no solution', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (x) => {
        const p = toProblem(x);
        const r = await solveLayout(p);
        const expected = glpkOptimum(p);
        if (expected === null) {
          expect(r.status).toBe('infeasible');
          return;
        }
        expect(r.status).toBe('optimal');
        if (r.status !== 'optimal') return;
        expect(Math.abs(r.objective - expected)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));
        // From a single arc per point, the rounds reach the same optimum.
        const b = await solveLayout(p, { initialArcs: 1 });
        expect(b.status).toBe('optimal');
        if (b.status === 'optimal') expect(Math.abs(b.objective - expected)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));
      }),
      { numRuns: 120 },
    );
  });

  it('keeps maxOpen, every capacity and every demand in its output', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (x) => {
        const p = toProblem(x);
        const r = await solveLayout(p);
        if (r.status !== 'optimal') return;
        expect(r.open.length).toBeLessThanOrEqual(p.maxOpen);
        const open = new Set(r.open);
        for (const c of p.candidates) {
          const out = r.flows.filter((f) => f.from === c.id).reduce((s, f) => s + f.quantity, 0);
          expect(out).toBeLessThanOrEqual((open.has(c.id) ? c.capacity : 0) + 1e-6);
        }
        for (const d of p.demands) {
          const got = r.flows.filter((f) => f.to === d.id).reduce((s, f) => s + f.quantity, 0);
          expect(got).toBeCloseTo(d.demand, 6);
        }
        const fixed = p.candidates.filter((c) => open.has(c.id)).reduce((s, c) => s + c.fixedCost, 0);
        expect(r.objective).toBeCloseTo(fixed + r.flows.reduce((s, f) => s + f.quantity * f.hours, 0), 6);
      }),
      { numRuns: 120 },
    );
  });
});
