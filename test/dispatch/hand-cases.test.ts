import { describe, expect, it } from 'vitest';
import { haversineKm, parseDispatchProblem, solveDispatch, travelHours, type DispatchProblemInput } from '../../src/core/dispatch';

/** Road hours between two points on one meridian, Δlat degrees apart: R·Δφ·1.3/60. */
const meridianHours = (dLat: number) => (6371 * ((dLat * Math.PI) / 180) * 1.3) / 60;

const solve = (input: DispatchProblemInput) => solveDispatch(parseDispatchProblem(input));

describe('dispatch: great-circle hours', () => {
  it('follows the haversine with R = 6371 km', () => {
    // one degree of latitude: 6371 · π/180 = 111.195 km
    expect(haversineKm(112, 28, 112, 29)).toBeCloseTo(111.19493, 4);
    // Beijing (116.4053, 39.905) to Changsha (112.9388, 28.2282): about 1,340 km
    expect(haversineKm(116.4053, 39.905, 112.9388, 28.2282)).toBeGreaterThan(1330);
    expect(haversineKm(116.4053, 39.905, 112.9388, 28.2282)).toBeLessThan(1350);
    expect(travelHours({ lon: 112, lat: 28 }, { lon: 112, lat: 28.5 }, 1.3, 60)).toBeCloseTo(1.204612, 6);
    expect(meridianHours(0.5)).toBeCloseTo(1.204612, 6);
  });
});

describe('dispatch: hand-checked cases', () => {
  it('1 × 1: ships the demand from the one depot', async () => {
    const r = await solve({
      depots: [{ id: 'A', lon: 112, lat: 28, supply: { 'WA-BOTTLE': 10 } }],
      demands: [{ id: 'P', lon: 112, lat: 28.5, demand: { 'WA-BOTTLE': 4 } }],
    });
    expect(r.status).toBe('optimal');
    expect(r.flows).toHaveLength(1);
    expect(r.flows[0]).toMatchObject({ from: 'A', to: 'P', category: 'WA-BOTTLE', quantity: 4 });
    expect(r.flows[0]?.hours).toBeCloseTo(meridianHours(0.5), 9);
    expect(r.objective).toBeCloseTo(4 * meridianHours(0.5), 9);
    expect(r.shortfalls).toEqual([]);
  });

  it('2 × 2: each point is served by the depot next to it', async () => {
    // A and P1 one tenth of a degree apart, B and P2 likewise, the pairs five degrees apart.
    const r = await solve({
      depots: [
        { id: 'A', lon: 110, lat: 30, supply: { 'SH-TENT': 100 } },
        { id: 'B', lon: 110, lat: 25, supply: { 'SH-TENT': 100 } },
      ],
      demands: [
        { id: 'P1', lon: 110, lat: 30.1, demand: { 'SH-TENT': 60 } },
        { id: 'P2', lon: 110, lat: 25.1, demand: { 'SH-TENT': 80 } },
      ],
    });
    expect(r.flows.map((f) => [f.from, f.to, f.quantity])).toEqual([
      ['A', 'P1', 60],
      ['B', 'P2', 80],
    ]);
    expect(r.objective).toBeCloseTo(140 * meridianHours(0.1), 9);
  });

  it('2 × 2: the near depot runs out and the far one makes up the rest', async () => {
    const r = await solve({
      depots: [
        { id: 'near', lon: 110, lat: 30, supply: { 'SH-QUILT': 30 } },
        { id: 'far', lon: 110, lat: 32, supply: { 'SH-QUILT': 100 } },
      ],
      demands: [{ id: 'P', lon: 110, lat: 30, demand: { 'SH-QUILT': 50 } }],
    });
    expect(r.flows.map((f) => [f.from, f.quantity])).toEqual([
      ['near', 30],
      ['far', 20],
    ]);
    expect(r.objective).toBeCloseTo(20 * meridianHours(2), 9);
  });

  it('supply short of demand: ships everything and reports the shortfall', async () => {
    const r = await solve({
      depots: [{ id: 'A', lon: 112, lat: 28, supply: { 'GR-RICE': 5 } }],
      demands: [{ id: 'P', lon: 112, lat: 28.5, demand: { 'GR-RICE': 8 } }],
    });
    expect(r.status).toBe('optimal');
    expect(r.flows.map((f) => f.quantity)).toEqual([5]);
    expect(r.shortfalls).toEqual([{ to: 'P', category: 'GR-RICE', quantity: 3 }]);
    expect(r.objective).toBeCloseTo(5 * meridianHours(0.5) + 3 * 1_000_000, 6);
  });

  it('no supply at all of a needed category: all of it is short', async () => {
    const r = await solve({
      depots: [{ id: 'A', lon: 112, lat: 28, supply: { 'SH-TENT': 10 } }],
      demands: [{ id: 'P', lon: 112, lat: 28, demand: { 'MD-KIT': 7 } }],
      shortagePenalty: 500,
    });
    expect(r.flows).toEqual([]);
    expect(r.shortfalls).toEqual([{ to: 'P', category: 'MD-KIT', quantity: 7 }]);
    expect(r.objective).toBe(3500);
  });

  it('zero demand: optimal, nothing moves', async () => {
    const none = await solve({ depots: [{ id: 'A', lon: 112, lat: 28, supply: { 'SH-TENT': 10 } }], demands: [] });
    expect(none).toEqual({ status: 'optimal', objective: 0, flows: [], shortfalls: [] });
    const zeros = await solve({
      depots: [{ id: 'A', lon: 112, lat: 28, supply: { 'SH-TENT': 10 } }],
      demands: [{ id: 'P', lon: 113, lat: 28, demand: { 'SH-TENT': 0 } }],
    });
    expect(zeros).toEqual({ status: 'optimal', objective: 0, flows: [], shortfalls: [] });
    const noDepots = await solve({ depots: [], demands: [] });
    expect(noDepots.objective).toBe(0);
  });

  it('several categories are solved independently, listed by category code', async () => {
    const r = await solve({
      depots: [
        { id: 'water', lon: 110, lat: 30, supply: { 'WA-BOTTLE': 100, 'SH-TENT': 1 } },
        { id: 'tents', lon: 110, lat: 31, supply: { 'SH-TENT': 100 } },
      ],
      demands: [
        { id: 'P1', lon: 110, lat: 30, demand: { 'WA-BOTTLE': 40, 'SH-TENT': 5 } },
        { id: 'P2', lon: 110, lat: 31, demand: { 'WA-BOTTLE': 10, 'SH-TENT': 3 } },
      ],
    });
    expect(r.flows.map((f) => [f.category, f.from, f.to, f.quantity])).toEqual([
      ['SH-TENT', 'water', 'P1', 1],
      ['SH-TENT', 'tents', 'P1', 4],
      ['SH-TENT', 'tents', 'P2', 3],
      ['WA-BOTTLE', 'water', 'P1', 40],
      ['WA-BOTTLE', 'water', 'P2', 10],
    ]);
    expect(r.shortfalls).toEqual([]);
    // tents: 4 from 'tents' to P1 (1°); water: 10 from 'water' to P2 (1°)
    expect(r.objective).toBeCloseTo(14 * meridianHours(1), 9);
  });

  it('uses the given road factor and speed, and the defaults otherwise', async () => {
    const base = {
      depots: [{ id: 'A', lon: 112, lat: 28, supply: { X: 1 } }],
      demands: [{ id: 'P', lon: 112, lat: 29, demand: { X: 1 } }],
    };
    const defaults = await solve(base);
    const slow = await solve({ ...base, roadFactor: 2, speedKmh: 30 });
    expect(slow.flows[0]?.hours).toBeCloseTo(((defaults.flows[0]?.hours ?? 0) * (2 / 1.3)) / (30 / 60), 9);
  });

  it('gives the same answer from one combined model as from one model per category', async () => {
    const problem = parseDispatchProblem({
      depots: [
        { id: 'A', lon: 110, lat: 30, supply: { X: 5, Y: 9 } },
        { id: 'B', lon: 112, lat: 27, supply: { X: 7, Y: 1 } },
      ],
      demands: [
        { id: 'P', lon: 111, lat: 29, demand: { X: 6, Y: 4 } },
        { id: 'Q', lon: 113, lat: 26, demand: { X: 8, Y: 8 } },
      ],
    });
    const a = await solveDispatch(problem, { mode: 'per-category' });
    const b = await solveDispatch(problem, { mode: 'combined' });
    expect(b.objective).toBeCloseTo(a.objective, 6);
    expect(b.shortfalls).toEqual(a.shortfalls);
  });
});
