import { parseCostModel, type CostModel } from '../../src/core/costs/cost-model';

const demo = { source: 'demo' };
const v = (value: number) => ({ value, ...demo });

/** A cost model with test categories: price 100, 10 % sell-out discount, handling 1 per unit, the given lead time and price index. */
export function testCosts(categories: Record<string, { lead: number; index: number[] }>): CostModel {
  return parseCostModel({
    currency: 'CNY',
    transportPerTonneKm: v(0.5),
    handlingShareOfCapacityPerMonth: v(0.1),
    categories: Object.fromEntries(
      Object.entries(categories).map(([code, c]) => [
        code,
        {
          unitPrice: v(100),
          tonnesPerUnit: v(1),
          storagePerUnitDay: { national: v(0.1), provincial: v(0.1), enterprise: v(0.1), civilian: v(0.1) },
          rotation: { discountShare: v(0.1), handlingPerUnit: v(1) },
          leadTimeMonths: v(c.lead),
          priceIndexByMonth: { values: c.index, ...demo },
        },
      ]),
    ),
  });
}
