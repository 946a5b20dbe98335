import { describe, expect, it } from 'vitest';
import { parseLayoutProblem, solveLayout, type LayoutProblemInput } from '../../src/core/layout';

/**
 * Small instances solved by hand. Every point is on the equator and the speed is one degree of
 * longitude per hour (6371 · π / 180 km/h, roadFactor 1), so hours(i,j) = |lon_i − lon_j|.
 */
const DEGREE_KMH = (6371 * Math.PI) / 180;

function problem(over: { capA?: number; capB?: number; fixB?: number; maxOpen: number; demand?: number }): LayoutProblemInput {
  return {
    candidates: [
      { id: 'A', lon: 0, lat: 0, fixedCost: 10, capacity: over.capA ?? 100 },
      { id: 'B', lon: 10, lat: 0, fixedCost: over.fixB ?? 12, capacity: over.capB ?? 100 },
    ],
    demands: [
      { id: 'P', lon: 1, lat: 0, demand: over.demand ?? 5 },
      { id: 'Q', lon: 9, lat: 0, demand: over.demand ?? 5 },
    ],
    maxOpen: over.maxOpen,
    roadFactor: 1,
    speedKmh: DEGREE_KMH,
  };
}

async function solve(input: LayoutProblemInput) {
  return solveLayout(parseLayoutProblem(input));
}

describe('layout MILP on hand-checked instances', () => {
  it('opens both sites when the saved travel outweighs the second fixed cost', async () => {
    // both: 10 + 12 + 5·1 + 5·1 = 32; A alone: 10 + 5·1 + 5·9 = 60; B alone: 12 + 5·9 + 5·1 = 62
    const r = await solve(problem({ maxOpen: 2 }));
    expect(r.status).toBe('optimal');
    if (r.status !== 'optimal') return;
    expect(r.open).toEqual(['A', 'B']);
    expect(r.objective).toBeCloseTo(32, 6);
    expect(r.flows.map((f) => [f.from, f.to, f.quantity])).toEqual([
      ['A', 'P', 5],
      ['B', 'Q', 5],
    ]);
    expect(r.flows[0]!.hours).toBeCloseTo(1, 9);
  });

  it('with maxOpen 1 opens the cheaper single site', async () => {
    // A alone 60 < B alone 62
    const r = await solve(problem({ maxOpen: 1 }));
    expect(r).toMatchObject({ status: 'optimal', open: ['A'] });
    if (r.status === 'optimal') expect(r.objective).toBeCloseTo(60, 6);
  });

  it('a capacity too small for all demand moves the single site', async () => {
    // A holds 6 < 10: A alone is infeasible, so B alone: 12 + 5·9 + 5·1 = 62
    const r = await solve(problem({ maxOpen: 1, capA: 6 }));
    expect(r).toMatchObject({ status: 'optimal', open: ['B'] });
    if (r.status === 'optimal') expect(r.objective).toBeCloseTo(62, 6);
  });

  it('a dear site is opened only when capacity forces it', async () => {
    // B costs 100: A alone 10 + 50 = 60 wins…
    const cheap = await solve(problem({ maxOpen: 2, fixB: 100 }));
    expect(cheap).toMatchObject({ status: 'optimal', open: ['A'] });
    if (cheap.status === 'optimal') expect(cheap.objective).toBeCloseTo(60, 6);
    // …but with A holding 6 both are needed: 110 + 5·1 + 5·1 = 120 (B alone: 100 + 50 = 150)
    const forced = await solve(problem({ maxOpen: 2, fixB: 100, capA: 6 }));
    expect(forced).toMatchObject({ status: 'optimal', open: ['A', 'B'] });
    if (forced.status === 'optimal') expect(forced.objective).toBeCloseTo(120, 6);
  });

  it('reports an instance whose demand cannot be met, with the reason', async () => {
    expect(await solve(problem({ maxOpen: 1, capA: 6, capB: 6 }))).toEqual({
      status: 'infeasible',
      reason: 'total demand 10 exceeds the capacity 6 of the 1 largest candidate site (maxOpen 1)',
    });
    expect(await solve(problem({ maxOpen: 0 }))).toEqual({
      status: 'infeasible',
      reason: 'total demand 10 exceeds the capacity 0 of the 0 largest candidate sites (maxOpen 0)',
    });
    // no demand: nothing opened, nothing paid
    expect(await solve(problem({ maxOpen: 0, demand: 0 }))).toMatchObject({ status: 'optimal', objective: 0, open: [], flows: [] });
  });

  it('rejects a malformed problem with the field named', () => {
    expect(() => parseLayoutProblem({ ...problem({ maxOpen: 1 }), maxOpen: 1.5 })).toThrow('invalid layout problem: problem.maxOpen: must be a whole number');
    expect(() => parseLayoutProblem({ ...problem({ maxOpen: 1 }), candidates: [{ id: 'A', lon: 0, lat: 0, fixedCost: -1, capacity: 1 }] })).toThrow(
      'problem.candidates[0].fixedCost: must be ≥ 0',
    );
    const dup = problem({ maxOpen: 1 });
    expect(() => parseLayoutProblem({ ...dup, demands: [dup.demands[0], dup.demands[0]] })).toThrow('problem.demands[1].id: duplicate id "P"');
  });
});
