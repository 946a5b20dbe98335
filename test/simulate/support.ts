import { loadCostModel } from '../../src/core/costs/cost-model';
import { loadNorms, type NormsFile } from '../../src/core/dispatch/norms';
import type { SimulationSupply } from '../../src/core/simulate';

/** The shipped norms cut down to some categories (their figures unchanged). */
export function normsOf(...categories: string[]): NormsFile {
  const norms = loadNorms();
  return { ...norms, norms: norms.norms.filter((n) => categories.includes(n.category)) };
}

export const COSTS = loadCostModel();

export const CATEGORY_ROWS = [
  { code: 'SH-TENT', nameZh: '救灾帐篷', nameEn: 'Relief tent', unit: '顶', unitEn: 'tent', class: 'shelter', safetyFloorShare: 0.4 },
  { code: 'WA-BOTTLE', nameZh: '瓶装饮用水', nameEn: 'Bottled drinking water', unit: '箱', unitEn: 'case', class: 'water', safetyFloorShare: 0.4 },
];

/** A region with one depot at a place and the given held/floor stock. */
export function region(code: string, lon: number, lat: number, stock: Record<string, [held: number, floor: number]>): SimulationSupply['regions'][number] {
  return { region: code, depots: [[lon, lat]], stock: Object.fromEntries(Object.entries(stock).map(([c, [held, floor]]) => [c, { held, floor }])) };
}
