import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DispatchInputError,
  buildScenarioProblem,
  defaultNormsFile,
  loadNorms,
  parseNorms,
  provinceArea,
  scenarioDemands,
  solveDispatch,
  unitsPerPerson,
} from '../../src/core/dispatch';
import { CATEGORIES } from '../../src/core/seed/categories';

describe('per-capita norms (resources/norms/sphere-norms.json)', () => {
  const norms = loadNorms();

  it('cites its sources in the file and maps onto the project categories only', () => {
    const raw = JSON.parse(readFileSync(defaultNormsFile(), 'utf8')) as { sources: { id: string; citation: string }[] };
    expect(raw.sources.map((s) => s.id)).toEqual(expect.arrayContaining(['sphere-2018', 'cn-relief-regulation', 'cn-reserve-depot-standard']));
    expect(raw.sources.find((s) => s.id === 'sphere-2018')?.citation).toContain('The Sphere Handbook');
    const codes = new Set(CATEGORIES.map((c) => c.code));
    for (const n of norms.norms) expect(codes.has(n.category), n.category).toBe(true);
    const listed = new Set([...norms.norms.map((n) => n.category), ...(norms.notDerived ?? []).map((n) => n.category)]);
    expect([...codes].filter((c) => !listed.has(c))).toEqual([]);
  });

  it('holds the documented figures', () => {
    const per = (code: string) => unitsPerPerson(norms.norms.find((n) => n.category === code)!);
    expect(per('WA-BOTTLE') * 12).toBeCloseTo(3, 12); // 3 L drinking water, 12 L a case
    expect(per('WA-BOTTLE') * 12 + per('WA-TABLET') * 1000).toBeCloseTo(15, 12); // 15 L in all
    expect((per('GR-RICE') + per('GR-FLOUR')) * 1000).toBeCloseTo(0.5, 12); // 0.5 kg cereal
    expect((per('OL-SOY') + per('OL-RAPE')) * 1000).toBeCloseTo(0.025, 12); // 25 g oil
    expect(per('SH-TENT')).toBeCloseTo(1 / 5, 12); // a family tent per five persons
    expect(per('SH-QUILT')).toBe(1);
    expect(per('MD-KIT')).toBeCloseTo(1 / 2.62, 4); // one per household of 2.62 persons
  });

  it('refuses a norm that cites an unknown source or shares that do not add up', () => {
    const raw = JSON.parse(readFileSync(defaultNormsFile(), 'utf8')) as { norms: { category: string; sources: string[]; share: number }[] };
    const badSource = structuredClone(raw);
    badSource.norms[0]!.sources = ['nowhere'];
    expect(() => parseNorms(badSource)).toThrow(/unknown source "nowhere"/);
    const badShare = structuredClone(raw);
    badShare.norms.find((n) => n.category === 'GR-RICE')!.share = 0.7;
    expect(() => parseNorms(badShare)).toThrow(/staple cereal.*add up to 1\.2/);
  });
});

describe('scenario → dispatch problem', () => {
  const norms = loadNorms();

  it('turns people × days into demand per category, rounded up', () => {
    const [hunan] = scenarioDemands({ areas: [provinceArea('430000', 10_000)], durationDays: 7 }, norms);
    expect(hunan).toMatchObject({ id: '430000', lon: 111.7823, lat: 28.0941 });
    expect(hunan?.demand).toEqual({
      'WA-BOTTLE': 17_500, // 10,000 × 7 × 3 L ÷ 12 L
      'WA-TABLET': 840, // 10,000 × 7 × 12 L ÷ 1,000 L
      'GR-RICE': 17.5, // 10,000 × 7 × 0.25 kg, in tonnes
      'GR-FLOUR': 17.5,
      'OL-SOY': 0.875,
      'OL-RAPE': 0.875,
      'SH-TENT': 2_000,
      'SH-QUILT': 10_000,
      'MD-KIT': 3_817,
      'PW-LAMP': 3_817,
    });
    const [cold] = scenarioDemands({ areas: [provinceArea('430000', 10_000)], durationDays: 7, coldSeason: true }, norms);
    expect(cold?.demand['SH-COAT']).toBe(10_000);
    const [odd] = scenarioDemands({ areas: [{ id: 'x', lon: 110, lat: 30, population: 3 }], durationDays: 1 }, norms);
    expect(odd?.demand['SH-TENT']).toBe(1); // 0.6 tents → 1
    expect(odd?.demand['GR-RICE']).toBe(0.001); // 0.75 kg → 0.001 t
  });

  it('defaults a province to its census population and refuses unknown ones', () => {
    expect(provinceArea('460000').population).toBe(10_080_000);
    expect(() => provinceArea('990000')).toThrow(DispatchInputError);
    expect(() => scenarioDemands({ areas: [provinceArea('430000', 1)], durationDays: 0 }, norms)).toThrow(/positive number of days/);
  });

  it('builds a problem a solver can take, with only the categories needed', async () => {
    const problem = buildScenarioProblem(
      { areas: [provinceArea('430000', 1_000)], durationDays: 3 },
      [
        { id: 'HN-1', lon: 112.9, lat: 28.2, supply: { 'SH-TENT': 150, 'EN-DIESEL': 99 } },
        { id: 'HB-1', lon: 114.3, lat: 30.6, supply: { 'SH-TENT': 1_000, 'SH-QUILT': 2_000 } },
        { id: 'fuel', lon: 114.3, lat: 30.6, supply: { 'EN-DIESEL': 10 } },
      ],
      norms,
    );
    expect(problem.depots.map((d) => d.id)).toEqual(['HN-1', 'HB-1']);
    expect(problem.depots[0]?.supply).toEqual({ 'SH-TENT': 150 });
    const r = await solveDispatch(problem);
    const tents = r.flows.filter((f) => f.category === 'SH-TENT');
    expect(tents.map((f) => [f.from, f.quantity])).toEqual([
      ['HN-1', 150],
      ['HB-1', 50],
    ]);
    expect(r.shortfalls.find((s) => s.category === 'WA-BOTTLE')?.quantity).toBe(750); // 1,000 × 3 days × 0.25 case, none held
  });
});
