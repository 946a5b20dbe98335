import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthIndex, planRotations, rotationCost, sellByIndex, type RotationInput } from '../../src/core/rotation';
import { testCosts } from './support';

/**
 * Tiny instances (one depot, two classes, up to 5 lots, 4 months) against exhaustive search over
 * every assignment of a month or "not rotated" to each lot, with the constraints written out here:
 * months within first … sellBy, held − dip ≥ floor in every month (no dip when already under the
 * floor), handling capacity, FEFO between rotated lots. The planner's objective (cost plus ten
 * times the value of each lot it leaves out) must equal the best one found.
 */
const FIRST = '2027-01';
const MONTHS = 4;
const PRICE = 100;

const instance = fc.record({
  leads: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 2, maxLength: 2 }),
  indices: fc.array(fc.array(fc.double({ min: 0.7, max: 1.3, noNaN: true }), { minLength: 12, maxLength: 12 }), { minLength: 2, maxLength: 2 }),
  classes: fc.array(fc.record({ held: fc.integer({ min: 0, max: 120 }), floor: fc.integer({ min: 0, max: 80 }), handling: fc.integer({ min: 10, max: 100 }) }), {
    minLength: 2,
    maxLength: 2,
  }),
  lots: fc.array(fc.record({ k: fc.nat(1), quantity: fc.integer({ min: 1, max: 50 }), expiryMonth: fc.integer({ min: 0, max: MONTHS - 1 }), day: fc.integer({ min: 1, max: 28 }) }), {
    maxLength: 5,
  }),
});

function toInput(x: typeof instance extends fc.Arbitrary<infer T> ? T : never): RotationInput {
  const costs = testCosts({ 'C-0': { lead: x.leads[0]!, index: x.indices[0]! }, 'C-1': { lead: x.leads[1]!, index: x.indices[1]! } });
  const first = monthIndex(FIRST);
  return {
    firstMonth: FIRST,
    months: MONTHS,
    costs,
    depotClasses: x.classes.map((c, k) => ({ depot: 'D', class: `K${k}`, ...c })),
    lots: x.lots.map((l, i) => {
      const m = first + l.expiryMonth;
      return { lot: `L${i}`, depot: 'D', category: `C-${l.k}`, class: `K${l.k}`, quantity: l.quantity, expiry: `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-${String(l.day).padStart(2, '0')}` };
    }),
  };
}

function bruteForce(input: RotationInput): number {
  const first = monthIndex(FIRST);
  const last = first + MONTHS - 1;
  const lots = input.lots;
  const lead = (l: (typeof lots)[number]) => input.costs.categories[l.category]!.leadTimeMonths.value;
  const options = lots.map((l) => {
    const months: (number | null)[] = [null];
    for (let m = first; m <= Math.min(sellByIndex(l.expiry), last); m++) months.push(m);
    return months;
  });
  let best = Infinity;
  const pick: (number | null)[] = [];
  const feasible = () => {
    for (const dc of input.depotClasses) {
      for (let t = first; t <= last; t++) {
        let dip = 0;
        let moved = 0;
        lots.forEach((l, i) => {
          const m = pick[i];
          if (m === null || m === undefined || l.class !== dc.class) return;
          if (m <= t && t < m + lead(l)) dip += l.quantity;
          moved += l.quantity * ((m === t ? 1 : 0) + (m + lead(l) === t ? 1 : 0));
        });
        if (dip > Math.max(0, dc.held - dc.floor) || moved > dc.handling) return false;
      }
    }
    for (let a = 0; a < lots.length; a++)
      for (let b = 0; b < lots.length; b++) {
        const ma = pick[a];
        const mb = pick[b];
        if (ma == null || mb == null || lots[a]!.category !== lots[b]!.category) continue;
        if (lots[a]!.expiry < lots[b]!.expiry && ma > mb) return false;
      }
    return true;
  };
  const walk = (i: number, acc: number) => {
    if (i === lots.length) {
      if (feasible()) best = Math.min(best, acc);
      return;
    }
    const l = lots[i]!;
    for (const m of options[i]!) {
      pick[i] = m;
      walk(i + 1, acc + (m === null ? 10 * l.quantity * PRICE + 1 : rotationCost(input.costs.categories[l.category]!, l.quantity, m)));
    }
  };
  walk(0, 0);
  return best;
}

describe('rotation plan against exhaustive search (property)', () => {
  it('reaches the best objective', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (x) => {
        const input = toInput(x);
        const plan = await planRotations(input);
        const byId = new Map(input.lots.map((l) => [l.lot, l]));
        const objective = plan.cost + plan.unplanned.reduce((s, u) => s + 10 * byId.get(u.lot)!.quantity * PRICE + 1, 0);
        const best = bruteForce(input);
        expect(Math.abs(objective - best)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(best)));
      }),
      { numRuns: 60 },
    );
  });
});
