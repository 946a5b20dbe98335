import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthIndex, planRotations, sellByIndex, type RotationInput, type RotationPlan } from '../../src/core/rotation';
import { testCosts } from './support';

/**
 * Random small depots and lots (up to 3 depots × 2 classes, 10 lots, 2 categories per class with
 * lead times 0…2 and random price indices). Every plan must keep, recomputed here from its
 * rotations: months within first … sellBy, every held ≥ floor (unless the class started below
 * it, then nothing leaves it), the handling capacity, FEFO, and every lot rotated or listed as
 * unplanned exactly once. fast-check prints the seed and the shrunk instance of a failure.
 */
const FIRST = '2027-01';
const MONTHS = 6;
const CLASSES = ['grain', 'water'] as const;
const CATS: Record<(typeof CLASSES)[number], string[]> = { grain: ['G-1', 'G-2'], water: ['W-1', 'W-2'] };

const index = fc.array(fc.double({ min: 0.7, max: 1.3, noNaN: true }), { minLength: 12, maxLength: 12 });
const instance = fc.record({
  leads: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }),
  indices: fc.array(index, { minLength: 4, maxLength: 4 }),
  depotClasses: fc.array(fc.record({ held: fc.integer({ min: 0, max: 200 }), floor: fc.integer({ min: 0, max: 150 }), handling: fc.integer({ min: 10, max: 150 }) }), {
    minLength: 1,
    maxLength: 6,
  }),
  lots: fc.array(
    fc.record({ dc: fc.nat(5), cat: fc.nat(1), quantity: fc.integer({ min: 1, max: 60 }), expiryMonth: fc.integer({ min: -1, max: MONTHS - 1 }), day: fc.integer({ min: 1, max: 28 }) }),
    { maxLength: 10 },
  ),
});

type Instance = typeof instance extends fc.Arbitrary<infer T> ? T : never;

function toInput(x: Instance): RotationInput {
  const allCats = [...CATS.grain, ...CATS.water];
  const costs = testCosts(Object.fromEntries(allCats.map((c, k) => [c, { lead: x.leads[k]!, index: x.indices[k]! }])));
  const depotClasses = x.depotClasses.map((d, k) => ({ depot: `D${k >> 1}`, class: CLASSES[k & 1]!, ...d }));
  const first = monthIndex(FIRST);
  const lots = x.lots.map((l, k) => {
    const dc = depotClasses[l.dc % depotClasses.length]!;
    const m = first + l.expiryMonth;
    const expiry = `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
    return { lot: `L${k}`, depot: dc.depot, category: CATS[dc.class as (typeof CLASSES)[number]][l.cat]!, class: dc.class, quantity: l.quantity, expiry };
  });
  return { firstMonth: FIRST, months: MONTHS, depotClasses, lots, costs };
}

function checkInvariants(input: RotationInput, plan: RotationPlan) {
  const first = monthIndex(FIRST);
  const lotOf = new Map(input.lots.map((l) => [l.lot, l]));
  const lead = (cat: string) => input.costs.categories[cat]!.leadTimeMonths.value;
  // every lot exactly once
  expect([...plan.rotations.map((r) => r.lot), ...plan.unplanned.map((u) => u.lot)].sort()).toEqual(input.lots.map((l) => l.lot).sort());
  for (const u of plan.unplanned) expect(u.reason.length).toBeGreaterThan(20);
  for (const r of plan.rotations) {
    const l = lotOf.get(r.lot)!;
    expect(monthIndex(r.month)).toBeGreaterThanOrEqual(first);
    expect(monthIndex(r.month)).toBeLessThanOrEqual(sellByIndex(l.expiry));
    expect(r.month <= r.sellBy).toBe(true);
    expect(monthIndex(r.arrives) - monthIndex(r.month)).toBe(lead(l.category));
  }
  for (const dc of input.depotClasses) {
    const mine = plan.rotations.filter((r) => r.depot === dc.depot && lotOf.get(r.lot)!.class === dc.class);
    for (let t = first; t < first + MONTHS; t++) {
      const dip = mine.filter((r) => monthIndex(r.month) <= t && t < monthIndex(r.arrives)).reduce((s, r) => s + r.quantity, 0);
      const moved = mine.reduce((s, r) => s + r.quantity * ((monthIndex(r.month) === t ? 1 : 0) + (monthIndex(r.arrives) === t ? 1 : 0)), 0);
      expect(moved).toBeLessThanOrEqual(dc.handling + 1e-9);
      if (dc.held < dc.floor) expect(dip).toBe(0);
      else expect(dc.held - dip).toBeGreaterThanOrEqual(dc.floor - 1e-9);
      const row = plan.floorByMonth.find((f) => f.depot === dc.depot && f.class === dc.class && monthIndex(f.month) === t);
      if (row) {
        expect(row.held).toBe(dc.held - dip);
        if (!row.belowFloorAtStart) expect(row.held).toBeGreaterThanOrEqual(row.floor);
      }
    }
  }
  // FEFO: of two rotated lots of one depot and category, the earlier-expiring one is not later
  for (const a of plan.rotations) {
    for (const b of plan.rotations) {
      if (a.depot !== b.depot || a.category !== b.category) continue;
      if (lotOf.get(a.lot)!.expiry < lotOf.get(b.lot)!.expiry) expect(a.month <= b.month).toBe(true);
    }
  }
  expect(plan.cost).toBeCloseTo(
    plan.rotations.reduce((s, r) => s + r.cost, 0),
    6,
  );
}

describe('rotation plan invariants (property)', () => {
  it('keeps sellBy, floors, handling capacity and FEFO in every plan', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (x) => {
        const input = toInput(x);
        checkInvariants(input, await planRotations(input));
      }),
      { numRuns: 80 },
    );
  });
});
