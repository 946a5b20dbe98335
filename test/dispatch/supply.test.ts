import { describe, expect, it } from 'vitest';
import { supplyAboveFloor, type SupplyCategoryRow, type SupplyInput } from '../../src/core/dispatch';

const categories: SupplyCategoryRow[] = [
  { code: 'SH-TENT', class: 'shelter', safetyFloorShare: 0.4 },
  { code: 'SH-QUILT', class: 'shelter', safetyFloorShare: 0.35 },
  { code: 'WA-BOTTLE', class: 'water', safetyFloorShare: 0.4 },
];

describe('supply above the safety floor', () => {
  it('shares the class floor by the intake mix and gives what is above it', () => {
    // shelter floor = max(0.4, 0.35) × 1,000 = 400; intake 300 tents : 100 quilts → floors 300 and 100
    const depots = supplyAboveFloor({
      depots: [{ code: 'D1', lon: 112, lat: 28, capacity: { shelter: 1_000, water: 500 } }],
      stock: [
        { depot: 'D1', category: 'SH-TENT', quantity: 250 },
        { depot: 'D1', category: 'SH-TENT', quantity: 200 }, // a second lot
        { depot: 'D1', category: 'SH-QUILT', quantity: 90 },
        { depot: 'D1', category: 'WA-BOTTLE', quantity: 260 }, // floor 0.4 × 500 = 200
      ],
      intake: [
        { depot: 'D1', category: 'SH-TENT', quantity: 300 },
        { depot: 'D1', category: 'SH-QUILT', quantity: 100 },
      ],
      categories,
    });
    expect(depots).toEqual([{ id: 'D1', lon: 112, lat: 28, supply: { 'SH-TENT': 150, 'WA-BOTTLE': 60 } }]);
  });

  it('falls back to the stock mix, leaves out depots with nothing to give, and filters categories', () => {
    const input: SupplyInput = {
      depots: [
        { code: 'D1', lon: 112, lat: 28, capacity: { shelter: 100 } },
        { code: 'D2', lon: 113, lat: 29, capacity: { shelter: 1_000 } },
        { code: 'D3', lon: 114, lat: 30, capacity: {} },
      ],
      stock: [
        // D1: floor 40 shared 3:1 by stock (90 tents, 30 quilts) → 30 and 10
        { depot: 'D1', category: 'SH-TENT', quantity: 90 },
        { depot: 'D1', category: 'SH-QUILT', quantity: 30 },
        { depot: 'D2', category: 'SH-TENT', quantity: 100 }, // under its floor of 400
        { depot: 'D3', category: 'SH-TENT', quantity: 5 }, // no capacity declared: no floor
        { depot: 'D3', category: 'UNKNOWN', quantity: 5 },
        { depot: 'nowhere', category: 'SH-TENT', quantity: 5 },
      ],
      categories,
    };
    expect(supplyAboveFloor(input)).toEqual([
      { id: 'D1', lon: 112, lat: 28, supply: { 'SH-TENT': 60, 'SH-QUILT': 20 } },
      { id: 'D3', lon: 114, lat: 30, supply: { 'SH-TENT': 5 } },
    ]);
    expect(supplyAboveFloor({ ...input, only: new Set(['SH-QUILT']) })).toEqual([{ id: 'D1', lon: 112, lat: 28, supply: { 'SH-QUILT': 20 } }]);
  });
});
