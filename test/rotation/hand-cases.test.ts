import { describe, expect, it } from 'vitest';
import { planRotations, type RotationLot } from '../../src/core/rotation';
import { testCosts } from './support';

/**
 * One depot class holding 100 against a floor of 60 (headroom 40). Category T-A: price 100 × the
 * index, 10 % discount, handling 1 per unit each way, lead time 1 month, so rotating in month m
 * costs per unit 100·I(m+1) − 90·I(m) + 2. Index: 1 everywhere except April (0.8):
 *   March: 100·0.8 − 90·1.0 + 2 = −8;  April: 100·1.0 − 90·0.8 + 2 = 30;  May: 100 − 90 + 2 = 12.
 */
const INDEX = [1, 1, 1, 0.8, 1, 1, 1, 1, 1, 1, 1, 1];
const costs = testCosts({ 'T-A': { lead: 1, index: INDEX }, 'T-B': { lead: 0, index: INDEX } });
const depot = { depot: 'D1', class: 'grain', held: 100, floor: 60, handling: 1000 };
const lot = (id: string, quantity: number, expiry: string, category = 'T-A'): RotationLot => ({ lot: id, depot: 'D1', category, class: 'grain', quantity, expiry });

const plan = (lots: RotationLot[], dc = depot) => planRotations({ firstMonth: '2027-03', months: 6, depotClasses: [dc], lots, costs });

describe('rotation planner on hand-checked cases', () => {
  it('rotates a lot in its cheapest month when the floor allows', async () => {
    // L1 expires in June: sellBy May; months March (−8), April (30), May (12) → March, 30 · −8 = −240
    const r = await plan([lot('L1', 30, '2027-06-15')]);
    expect(r.unplanned).toEqual([]);
    expect(r.rotations).toEqual([{ lot: 'L1', depot: 'D1', category: 'T-A', quantity: 30, month: '2027-03', sellBy: '2027-05', arrives: '2027-04', cost: -240 }]);
    expect(r.cost).toBeCloseTo(-240, 9);
    expect(r.floorByMonth.map((f) => f.held)).toEqual([70, 100, 100, 100, 100, 100]);
  });

  it('moves to the next cheapest month when the cheapest one breaks the floor', async () => {
    // L0 (sellBy March) can only go in March, taking 30 of the 40 above the floor that month;
    // L1 in March too would leave 40 < 60, so it goes to May (12/unit) rather than April (30/unit).
    // Cost 30 · −8 + 30 · 12 = 120.
    const r = await plan([lot('L0', 30, '2027-04-10'), lot('L1', 30, '2027-06-15')]);
    expect(r.unplanned).toEqual([]);
    expect(r.rotations.map((x) => [x.lot, x.month, x.arrives])).toEqual([
      ['L0', '2027-03', '2027-04'],
      ['L1', '2027-05', '2027-06'],
    ]);
    expect(r.cost).toBeCloseTo(120, 9);
    expect(r.floorByMonth.map((f) => f.held)).toEqual([70, 100, 70, 100, 100, 100]);
    expect(r.floorByMonth.every((f) => f.held >= f.floor)).toBe(true);
  });

  it('reports each lot that cannot be rotated, with the reason, and plans the rest', async () => {
    const r = await plan(
      [
        lot('OLD', 10, '2027-03-20'), // sellBy February, before the first month (March)
        lot('BIG', 45, '2027-07-01'), // 100 − 45 = 55 < 60 during the lead time
        lot('OK', 20, '2027-07-01'),
      ],
      { ...depot, handling: 1000 },
    );
    expect(r.rotations.map((x) => x.lot)).toEqual(['OK']);
    expect(r.unplanned).toEqual([
      { lot: 'OLD', depot: 'D1', code: 'past-sell-by', reason: 'sellBy 2027-02 is before the first plannable month 2027-03' },
      {
        lot: 'BIG',
        depot: 'D1',
        code: 'floor',
        reason: 'floor at depot D1 would be broken in every feasible month: class grain holds 100 against a floor of 60, and rotating 45 leaves 55 during the 1-month lead time',
      },
    ]);
    // with no lead time (T-B) a lot moves out and its replacement in within one month: 2 × 30 > 50
    const tight = await plan([lot('T', 30, '2027-07-01', 'T-B')], { ...depot, handling: 50 });
    expect(tight.unplanned).toEqual([{ lot: 'T', depot: 'D1', code: 'exceeds-handling', reason: '60 units to move exceed the monthly handling capacity 50 of class grain at depot D1' }]);
  });

  it('explains a lot left out because the other lots take the room above the floor', async () => {
    // Two lots of 30 whose only month is March: together 60 > 40, so one is left out.
    const r = await plan([lot('A', 30, '2027-04-05'), lot('B', 30, '2027-04-05')]);
    expect(r.rotations).toHaveLength(1);
    expect(r.unplanned).toHaveLength(1);
    expect(r.unplanned[0]!.code).toBe('floor');
    expect(r.unplanned[0]!.reason).toBe('floor at depot D1 (class grain) would be broken in every month up to its sellBy 2027-03, once the other lots there are rotated');
  });

  it('keeps first-expired-first-out within a category even against the price', async () => {
    // F (10, expires 10 June) and E (35, expires 20 June), both sellBy May; only one fits in March
    // (45 > 40). By price alone E would take March and F May: 35 · −8 + 10 · 12 = −160. FEFO puts
    // F first: F March, E May: 10 · −8 + 35 · 12 = 340 (E in April would cost 35 · 30 = 1050).
    const r = await plan([lot('E', 35, '2027-06-20'), lot('F', 10, '2027-06-10')]);
    expect(r.rotations.map((x) => [x.lot, x.month])).toEqual([
      ['F', '2027-03'],
      ['E', '2027-05'],
    ]);
    expect(r.cost).toBeCloseTo(340, 9);
  });
});
