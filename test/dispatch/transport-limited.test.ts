import fc from 'fast-check';
import GLPK from 'glpk.js/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { DispatchInputError, parseDispatchProblem, solveDispatch, travelHours, type DispatchProblem, type DispatchProblemInput } from '../../src/core/dispatch';

/**
 * The dispatch LP with a transport limit: hand-checked cases, then random instances against GLPK
 * with the model written here from the README's formulation, independently of src/core/dispatch.
 */
const solve = (input: DispatchProblemInput) => solveDispatch(parseDispatchProblem(input));
const hoursAB = travelHours({ lon: 112, lat: 28 }, { lon: 112, lat: 28.5 }, 1.3, 60);

describe('dispatch with a transport limit: hand-checked cases', () => {
  const base = {
    depots: [{ id: 'A', lon: 112, lat: 28, supply: { 'GR-RICE': 100 } }],
    demands: [{ id: 'P', lon: 112, lat: 28.5, demand: { 'GR-RICE': 100 } }],
  };

  it('leaves short what the state fleet cannot carry', async () => {
    const r = await solve({ ...base, transport: { tonnes: 60, tonnesPerUnit: { 'GR-RICE': 1 } } });
    expect(r.flows).toEqual([expect.objectContaining({ from: 'A', to: 'P', quantity: expect.closeTo(60, 6) })]);
    expect(r.shortfalls).toEqual([expect.objectContaining({ to: 'P', quantity: expect.closeTo(40, 6) })]);
    expect(r.transport).toEqual({ tonnes: expect.closeTo(60, 6), civilianTonnes: 0 });
  });

  it('civilian transport removes the shortfall, at its own cost', async () => {
    const r = await solve({ ...base, transport: { tonnes: 60, tonnesPerUnit: { 'GR-RICE': 1 }, civilianTonnes: 50, civilianHoursPerTonne: 24 } });
    expect(r.shortfalls).toEqual([]);
    expect(r.flows[0]?.quantity).toBeCloseTo(100, 6);
    expect(r.transport?.civilianTonnes).toBeCloseTo(40, 6);
    expect(r.objective).toBeCloseTo(100 * hoursAB + 24 * 40, 6);
  });

  it('civilian capacity short of the gap leaves the rest short', async () => {
    const r = await solve({ ...base, transport: { tonnes: 60, tonnesPerUnit: { 'GR-RICE': 1 }, civilianTonnes: 15 } });
    expect(r.shortfalls[0]?.quantity).toBeCloseTo(25, 6);
    expect(r.transport?.civilianTonnes).toBeCloseTo(15, 6);
  });

  it('couples the categories: the lighter units go first when the tonnes run out', async () => {
    // 10 t: 50 tents of 0.1 t (5 t) and 5 of the 10 water tanks of 1 t; 5 tanks short.
    const r = await solve({
      depots: [{ id: 'A', lon: 112, lat: 28, supply: { 'SH-TENT': 50, 'WA-TANK': 10 } }],
      demands: [{ id: 'P', lon: 112, lat: 28.5, demand: { 'SH-TENT': 50, 'WA-TANK': 10 } }],
      transport: { tonnes: 10, tonnesPerUnit: { 'SH-TENT': 0.1, 'WA-TANK': 1 } },
    });
    const sent = Object.fromEntries(r.flows.map((f) => [f.category, f.quantity]));
    expect(sent['SH-TENT']).toBeCloseTo(50, 6);
    expect(sent['WA-TANK']).toBeCloseTo(5, 6);
    expect(r.shortfalls).toEqual([expect.objectContaining({ category: 'WA-TANK', quantity: expect.closeTo(5, 6) })]);
  });

  it('a limit the plan does not reach changes nothing', async () => {
    const free = await solve(base);
    const limited = await solve({ ...base, transport: { tonnes: 1000, tonnesPerUnit: { 'GR-RICE': 1 }, civilianTonnes: 500 } });
    expect(limited.objective).toBeCloseTo(free.objective, 9);
    expect(limited.transport).toEqual({ tonnes: expect.closeTo(100, 6), civilianTonnes: 0 });
  });

  it('refuses a limit that does not weigh a demanded category, naming it', () => {
    expect(() => parseDispatchProblem({ ...base, transport: { tonnes: 10, tonnesPerUnit: { 'SH-TENT': 0.1 } } })).toThrow(DispatchInputError);
    expect(() => parseDispatchProblem({ ...base, transport: { tonnes: 10, tonnesPerUnit: {} } })).toThrow(/problem\.transport\.tonnesPerUnit: no weight for the demanded category GR-RICE/);
    expect(() => parseDispatchProblem({ ...base, transport: { tonnes: -1, tonnesPerUnit: { 'GR-RICE': 1 } } })).toThrow(/problem\.transport\.tonnes: must be ≥ 0/);
  });
});

type Glpk = Awaited<ReturnType<typeof GLPK>>;
let glpk: Glpk;
beforeAll(async () => {
  glpk = await GLPK();
});

/** GLPK's optimum of the README's model: arcs, shortages, the civilian tonnes, one load row. */
function glpkOptimum(p: DispatchProblem): number {
  const t = p.transport as NonNullable<DispatchProblem['transport']>;
  const cats = [...new Set(p.demands.flatMap((d) => Object.keys(d.demand)))];
  const objective: { name: string; coef: number }[] = [];
  const subjectTo: { name: string; vars: { name: string; coef: number }[]; bnds: { type: number; lb: number; ub: number } }[] = [];
  const load: { name: string; coef: number }[] = [];
  const bounds: { name: string; type: number; lb: number; ub: number }[] = [];
  for (const c of cats) {
    p.depots.forEach((d, i) => {
      const vars = p.demands.map((q, j) => ({ name: `x_${c}_${i}_${j}`, coef: 1 }));
      subjectTo.push({ name: `s_${c}_${i}`, vars, bnds: { type: glpk.GLP_UP, lb: 0, ub: d.supply[c] ?? 0 } });
      p.demands.forEach((q, j) => {
        objective.push({ name: `x_${c}_${i}_${j}`, coef: travelHours(d, q, p.roadFactor, p.speedKmh) + (d.extraHours ?? 0) });
        if ((t.tonnesPerUnit[c] ?? 0) > 0) load.push({ name: `x_${c}_${i}_${j}`, coef: t.tonnesPerUnit[c] ?? 0 });
      });
    });
    p.demands.forEach((q, j) => {
      objective.push({ name: `u_${c}_${j}`, coef: p.shortagePenalty });
      const need = q.demand[c] ?? 0;
      subjectTo.push({ name: `d_${c}_${j}`, vars: [...p.depots.map((_, i) => ({ name: `x_${c}_${i}_${j}`, coef: 1 })), { name: `u_${c}_${j}`, coef: 1 }], bnds: { type: glpk.GLP_FX, lb: need, ub: need } });
    });
  }
  objective.push({ name: 'w', coef: t.civilianHoursPerTonne });
  bounds.push({ name: 'w', type: glpk.GLP_DB, lb: 0, ub: t.civilianTonnes });
  subjectTo.push({ name: 'load', vars: [...load, { name: 'w', coef: -1 }], bnds: { type: glpk.GLP_UP, lb: 0, ub: t.tonnes } });
  const r = glpk.solve({ name: 'dispatch', objective: { direction: glpk.GLP_MIN, name: 'cost', vars: objective }, subjectTo, bounds }, { msglev: glpk.GLP_MSG_OFF });
  expect(r.result.status).toBe(glpk.GLP_OPT);
  return r.result.z;
}

const point = fc.record({ lon: fc.double({ min: 100, max: 120, noNaN: true }), lat: fc.double({ min: 22, max: 40, noNaN: true }) });
const CATS = ['GR-RICE', 'SH-TENT', 'WA-TANK'];
const instance = fc.record({
  depots: fc.array(fc.record({ at: point, supply: fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 3, maxLength: 3 }), extra: fc.boolean() }), { minLength: 1, maxLength: 5 }),
  demands: fc.array(fc.record({ at: point, demand: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 3, maxLength: 3 }) }), { minLength: 1, maxLength: 4 }),
  weights: fc.array(fc.integer({ min: 0, max: 200 }).map((v) => v / 100), { minLength: 3, maxLength: 3 }),
  tonnes: fc.integer({ min: 0, max: 200 }),
  civilianTonnes: fc.integer({ min: 0, max: 100 }),
  civilianHoursPerTonne: fc.integer({ min: 0, max: 50 }),
});

describe('dispatch with a transport limit: random instances against GLPK', () => {
  it('same optimum within 1e-6 relative; supplies, demands and the load row hold', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (x) => {
        const p = parseDispatchProblem({
          depots: x.depots.map((d, i) => ({ id: `D${i}`, ...d.at, supply: Object.fromEntries(CATS.map((c, k) => [c, d.supply[k] ?? 0])), ...(d.extra ? { extraHours: 24 } : {}) })),
          demands: x.demands.map((d, j) => ({ id: `P${j}`, ...d.at, demand: Object.fromEntries(CATS.map((c, k) => [c, d.demand[k] ?? 0])) })),
          shortagePenalty: 10_000,
          transport: { tonnes: x.tonnes, tonnesPerUnit: Object.fromEntries(CATS.map((c, k) => [c, x.weights[k] ?? 0])), civilianTonnes: x.civilianTonnes, civilianHoursPerTonne: x.civilianHoursPerTonne },
        });
        const r = await solveDispatch(p);
        const reference = glpkOptimum(p);
        expect(Math.abs(r.objective - reference)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(reference)));
        const tonnes = r.flows.reduce((n, f) => n + f.quantity * (p.transport?.tonnesPerUnit[f.category] ?? 0), 0);
        expect(tonnes).toBeLessThanOrEqual(x.tonnes + x.civilianTonnes + 1e-6);
        for (const d of p.depots) for (const c of CATS) expect(r.flows.filter((f) => f.from === d.id && f.category === c).reduce((n, f) => n + f.quantity, 0)).toBeLessThanOrEqual((d.supply[c] ?? 0) + 1e-6);
        for (const q of p.demands) {
          for (const c of CATS) {
            const got = r.flows.filter((f) => f.to === q.id && f.category === c).reduce((n, f) => n + f.quantity, 0) + r.shortfalls.filter((s) => s.to === q.id && s.category === c).reduce((n, s) => n + s.quantity, 0);
            expect(got).toBeCloseTo(q.demand[c] ?? 0, 6);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
