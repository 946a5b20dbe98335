import { describe, expect, it } from 'vitest';
import { parseNorms, solveDispatch } from '../../src/core/dispatch';
import { dispatchSupply, explainPlan, neededCategories, scenarioProblem, wholeFlows, wholeSupply } from '../../src/core/dispatch/recommend';
import type { DispatchRows } from '../../src/core/replica/dispatch-queries';
import { dispatchScenarioSchema } from '../../src/shared/contract/dispatch-schemas';

/**
 * Hand-checked small cases: two tents per ten people once, one quilt per person once (cold
 * season only), and two Hunan depots and one far away in Sichuan.
 */
const norms = parseNorms({
  title: 'test norms',
  version: 1,
  sources: [{ id: 's', citation: 'hand-made for the test' }],
  norms: [
    { category: 'SH-TENT', need: 'shelter', basis: 'per-person', amount: 0.2, amountUnit: 'tent', share: 1, unitContent: 1, wholeUnits: true, season: 'any', sources: ['s'], derivation: 'test' },
    { category: 'SH-QUILT', need: 'bedding', basis: 'per-person', amount: 1, amountUnit: 'quilt', share: 1, unitContent: 1, wholeUnits: true, season: 'cold', sources: ['s'], derivation: 'test' },
  ],
  notDerived: [{ category: 'SH-BED', reason: 'not per head' }],
});

const category = (code: string, nameZh: string) => ({ code, nameZh, nameEn: code, unit: '顶', unitEn: 'pcs', class: 'shelter', safetyFloorShare: 0.1 });

/**
 * Shelter floor = 0.1 × capacity, shared by the intake mix (here: tents only, so all of it on tents
 * unless quilts were taken in). Changsha: capacity 1,000 → floor 100, 350 tents → 250 above.
 * Zhuzhou: capacity 2,000 → floor 200, 260.6 tents → 60.6 above → 60 whole. Chengdu: floor 0, 5,000 tents.
 */
const rows: DispatchRows = {
  depots: [
    { code: 'HN-CS', region: '430000', nameZh: '长沙库', nameEn: 'Changsha', lon: 112.98, lat: 28.2, capacity: { shelter: 1_000 } },
    { code: 'HN-ZZ', region: '430000', nameZh: '株洲库', nameEn: 'Zhuzhou', lon: 113.13, lat: 27.83, capacity: { shelter: 2_000 } },
    { code: 'SC-CD', region: '510000', nameZh: '成都库', nameEn: 'Chengdu', lon: 104.07, lat: 30.67, capacity: {} },
  ],
  stock: [
    { depot: 'HN-CS', category: 'SH-TENT', quantity: 350 },
    { depot: 'HN-ZZ', category: 'SH-TENT', quantity: 260.6 },
    { depot: 'SC-CD', category: 'SH-TENT', quantity: 5_000 },
  ],
  intake: [],
  categories: [category('SH-TENT', '帐篷'), category('SH-QUILT', '棉被')],
};

const scenario = (over: Record<string, unknown> = {}) =>
  dispatchScenarioSchema.parse({ regions: ['430000'], population: { '430000': 1_000 }, durationDays: 3, ...over });

async function recommend(s: ReturnType<typeof scenario>, r: DispatchRows = rows) {
  const depots = dispatchSupply(r, neededCategories(s, norms));
  const supply = scenarioProblem(s, depots, norms);
  return { supply, rec: explainPlan(s, depots, norms, supply, await solveDispatch(supply.problem)) };
}

describe('dispatch recommendation', () => {
  it('asks only for what the season needs', () => {
    expect(neededCategories({ coldSeason: false }, norms)).toEqual(['SH-TENT']);
    expect(neededCategories({ coldSeason: true }, norms)).toEqual(['SH-QUILT', 'SH-TENT']);
  });

  it('takes supply above the floor down to whole units', () => {
    expect([...wholeSupply(rows, ['SH-TENT'])]).toEqual([
      ['HN-CS|SH-TENT', 250],
      ['HN-ZZ|SH-TENT', 60],
      ['SC-CD|SH-TENT', 5_000],
    ]);
  });

  it('gives every depot with its whole supply of the categories asked for, none for the others', () => {
    const s = dispatchSupply(rows, ['SH-TENT', 'SH-QUILT']);
    expect(s.depots.map((d) => [d.code, d.region, d.supply])).toEqual([
      ['HN-CS', '430000', { 'SH-TENT': 250 }],
      ['HN-ZZ', '430000', { 'SH-TENT': 60 }],
      ['SC-CD', '510000', { 'SH-TENT': 5_000 }],
    ]);
    expect(dispatchSupply(rows, ['SH-QUILT']).depots.map((d) => d.supply)).toEqual([{}, {}, {}]);
    expect(s.categories.map((c) => c.code)).toEqual(['SH-TENT', 'SH-QUILT']);
  });

  it('uses the near depots up to their supply, then the far one; the near ones are binding', async () => {
    // 1,000 people × 0.2 = 200 tents: Changsha (nearest to the Hunan label point) alone has 250.
    const small = await recommend(scenario());
    expect(small.rec.plan.flows.map((f) => [f.from, f.to, f.category, f.quantity])).toEqual([['HN-CS', '430000', 'SH-TENT', 200]]);
    expect(small.rec.explanation.binding).toEqual([]);

    // 2,000 people → 400 tents: 250 + 60 from Hunan, the other 90 from Chengdu.
    const { rec } = await recommend(scenario({ population: { '430000': 2_000 } }));
    const sent = Object.fromEntries(rec.plan.flows.map((f) => [f.from, f.quantity]));
    expect(sent).toEqual({ 'HN-CS': 250, 'HN-ZZ': 60, 'SC-CD': 90 });
    expect(rec.plan.flows.every((f) => f.fromName && f.toName === '湖南省' && f.categoryName === '帐篷')).toBe(true);
    expect(rec.plan.flows.find((f) => f.from === 'HN-ZZ')).toMatchObject({ available: 60, fromRegion: '430000' });
    expect(rec.explanation.binding.map((b) => [b.depot, b.available, b.used])).toEqual([
      ['HN-CS', 250, 250],
      ['HN-ZZ', 60, 60],
    ]);
    expect(rec.plan.shortfalls).toEqual([]);
    expect(rec.explanation.demandByCategory).toEqual([
      expect.objectContaining({ category: 'SH-TENT', demand: 400, available: 5_310, supplied: 400, shortfall: 0, depots: 3 }),
    ]);
    const hours = Object.fromEntries(rec.plan.flows.map((f) => [f.from, f.hours]));
    expect(rec.plan.objective).toBeCloseTo(250 * hours['HN-CS']! + 60 * hours['HN-ZZ']! + 90 * hours['SC-CD']!, 6);
  });

  it('reports what nobody holds as a shortfall and explains it', async () => {
    // Cold season: 1,000 quilts wanted, none in stock anywhere.
    const { rec } = await recommend(scenario({ coldSeason: true }));
    expect(rec.plan.shortfalls).toEqual([expect.objectContaining({ to: '430000', category: 'SH-QUILT', quantity: 1_000, categoryName: '棉被' })]);
    expect(rec.explanation.shortfalls).toEqual(rec.plan.shortfalls);
    expect(rec.explanation.notes).toEqual(
      expect.arrayContaining([{ code: 'whole-units' }, { code: 'cold-season', count: 1 }, { code: 'no-supply', category: 'SH-QUILT' }, { code: 'not-derived', count: 1 }]),
    );
  });

  it('gives part of the demand and names the rest when supply runs out', async () => {
    const { rec } = await recommend(scenario({ population: { '430000': 30_000 } })); // 6,000 tents, 5,310 held above floor
    expect(rec.plan.flows.reduce((n, f) => n + f.quantity, 0)).toBe(5_310);
    expect(rec.plan.shortfalls).toEqual([expect.objectContaining({ category: 'SH-TENT', quantity: 690 })]);
    expect(rec.explanation.binding.map((b) => b.depot).sort()).toEqual(['HN-CS', 'HN-ZZ', 'SC-CD']);
    expect(rec.explanation.notes).toContainEqual({ code: 'shortfall', category: 'SH-TENT', count: 690 });
  });

  it('shares scarce stock between two affected regions at least total travel time', async () => {
    const s = scenario({ regions: ['430000', '510000'], population: { '430000': 1_500, '510000': 1_000 } });
    const { rec } = await recommend(s, { ...rows, stock: rows.stock.map((r) => (r.depot === 'SC-CD' ? { ...r, quantity: 150 } : r)) });
    // Hunan needs 300, Sichuan 200; 250 + 60 + 150 = 460 held: the far Chengdu stock stays in Sichuan.
    const by = (to: string) => rec.plan.flows.filter((f) => f.to === to).reduce((n, f) => n + f.quantity, 0);
    expect(by('430000')).toBe(300);
    expect(by('510000')).toBe(160);
    expect(rec.plan.flows.filter((f) => f.from === 'SC-CD').map((f) => f.to)).toEqual(['510000']);
    expect(rec.plan.shortfalls).toEqual([expect.objectContaining({ to: '510000', quantity: 40 })]);
    expect(rec.areas.map((a) => [a.region, a.population])).toEqual([
      ['430000', 1_500],
      ['510000', 1_000],
    ]);
  });

  it('removes solver noise but never rounds above a depot supply', () => {
    const available = new Map([['D|C', 10]]);
    const flows = wholeFlows(
      {
        status: 'optimal',
        objective: 0,
        flows: [
          { from: 'D', to: 'P', category: 'C', quantity: 6.0000000001, hours: 1 },
          { from: 'D', to: 'Q', category: 'C', quantity: 4.6, hours: 1 },
          { from: 'D', to: 'R', category: 'C', quantity: 1e-7, hours: 1 },
        ],
        shortfalls: [],
      },
      available,
    );
    expect(flows.map((f) => [f.to, f.quantity])).toEqual([
      ['P', 6],
      ['Q', 4],
    ]);
  });
});
