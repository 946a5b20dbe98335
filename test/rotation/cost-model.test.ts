import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../src/core/seed/categories';
import { categoryCosts, loadCostModel, parseCostModel, unitPriceIn } from '../../src/core/costs/cost-model';

describe('cost model as data', () => {
  const model = loadCostModel();

  it('covers every reference category, each value with its source', () => {
    for (const c of CATEGORIES) expect(categoryCosts(model, c.code).priceIndexByMonth.values).toHaveLength(12);
    expect(model.transportPerTonneKm.source).toBe('demo');
    expect(() => categoryCosts(model, 'XX-NONE')).toThrow('the cost model has no entry for category XX-NONE');
  });

  it('prices a month with the seasonal index', () => {
    const rice = categoryCosts(model, 'GR-RICE');
    expect(unitPriceIn(rice, 5)).toBeCloseTo(rice.unitPrice.value * rice.priceIndexByMonth.values[4]!, 9);
    expect(unitPriceIn(rice, 13)).toBeCloseTo(unitPriceIn(rice, 1), 9);
  });

  it('refuses a value without a source, naming the field', () => {
    const broken = structuredClone(model) as unknown as { categories: Record<string, { unitPrice: { source?: string } }> };
    delete broken.categories['GR-RICE']!.unitPrice.source;
    expect(() => parseCostModel(broken)).toThrow(/costs\.categories\.GR-RICE\.unitPrice\.source: /);
    const shortIndex = structuredClone(model) as unknown as { categories: Record<string, { priceIndexByMonth: { values: number[] } }> };
    shortIndex.categories['OL-SOY']!.priceIndexByMonth.values.pop();
    expect(() => parseCostModel(shortIndex)).toThrow('costs.categories.OL-SOY.priceIndexByMonth.values: must hold 12 monthly values');
  });
});
