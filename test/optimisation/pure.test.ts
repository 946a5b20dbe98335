import { describe, expect, it } from 'vitest';
import { en, zh } from '../../src/renderer/src/i18n/messages/optimisation';
import { UNPLANNED_CODES } from '../../src/shared/domain/unplanned-reason';
import { parseCostModel } from '../../src/core/costs/cost-model';
import { loadCostModel } from '../../src/core/costs/cost-model';
import { costStructure, daysInMonth } from '../../src/core/optimisation/cost-structure';
import { coverageShares } from '../../src/core/optimisation/layout-coverage';
import { GAP_CANDIDATES, isCapital, reduceLayoutProblem } from '../../src/core/optimisation/layout-reduce';
import { reserveSizing } from '../../src/core/optimisation/reserve-sizing';
import { rotationInstructions, rotationIssueProblems } from '../../src/core/optimisation/rotation-instructions';

const WHO = { subject: 'CN=Wang,OU=national-commander,O=000000', region: '000000' };
const NOW = new Date('2026-12-04T20:00:00Z');

describe('rotation plan → signed rotation instructions', () => {
  const holdings = [
    { lot: 'L1', depot: '430100-D001', region: '430000', category: 'GR-RICE', quantity: 40 },
    { lot: 'L2', depot: '430100-D001', region: '430000', category: 'GR-RICE', quantity: 10 },
    { lot: 'L3', depot: '510100-D002', region: '510000', category: 'OL-SOY', quantity: 7 },
  ];

  it('one instruction per region and month; lines of one depot and category added up; the depot is source and destination', () => {
    const rows = [
      { lot: 'L1', depot: '430100-D001', category: 'GR-RICE', quantity: 40, month: '2027-02' },
      { lot: 'L2', depot: '430100-D001', category: 'GR-RICE', quantity: 10, month: '2027-02' },
      { lot: 'L3', depot: '510100-D002', category: 'OL-SOY', quantity: 7, month: '2027-01' },
    ];
    const out = rotationInstructions(rows, holdings, WHO, NOW, 'AB12CD');
    expect(out.map((o) => [o.region, o.month, o.instruction.id])).toEqual([
      ['430000', '2027-02', 'ROT-202702-20261205-AB12CD-430000'],
      ['510000', '2027-01', 'ROT-202701-20261205-AB12CD-510000'],
    ]);
    expect(out[0]!.instruction).toMatchObject({ kind: 'rotation', level: 'central', issuer: WHO.subject, lines: [{ category: 'GR-RICE', quantity: 50, fromDepot: '430100-D001', toDepot: '430100-D001' }] });
    expect(rotationInstructions(rows.slice(2), holdings, { ...WHO, region: '510000' }, NOW, 'X')[0]!.instruction.level).toBe('province');
  });

  it('refuses rows the replica no longer backs, naming each', () => {
    const problems = rotationIssueProblems(
      [
        { lot: 'L1', depot: '430100-D001', category: 'GR-RICE', quantity: 41, month: '2027-02' },
        { lot: 'L9', depot: '430100-D001', category: 'GR-RICE', quantity: 1, month: '2027-02' },
        { lot: 'L3', depot: '510100-D002', category: 'GR-RICE', quantity: 1, month: '2027-02' },
        { lot: 'L3', depot: '510100-D002', category: 'OL-SOY', quantity: 1, month: '2027-02' },
      ],
      holdings,
    );
    expect(problems).toEqual([
      'row 1 (lot L1 at depot 430100-D001): the depot holds 40 of the lot, the plan rotates 41',
      'row 2 (lot L9 at depot 430100-D001): the replica holds none of this lot at this depot any more',
      'row 3 (lot L3 at depot 510100-D002): the lot is OL-SOY, not GR-RICE',
      'row 4 (lot L3 at depot 510100-D002): the lot is listed twice',
    ]);
    expect(rotationIssueProblems([{ lot: 'L1', depot: '430100-D001', category: 'GR-RICE', quantity: 40, month: '2027-02' }], holdings)).toEqual([]);
  });
});

describe('layout before/after helpers', () => {
  it('coverage: people within 4/8/12 road hours of the nearest site (1° of latitude ≈ 111.2 km; ×1.3 ÷ 60 km/h ≈ 2.41 h)', () => {
    const points = [
      { lon: 0, lat: 0, people: 100 },
      { lon: 0, lat: 3, people: 300 }, // ≈ 7.2 h
      { lon: 0, lat: 4.5, people: 600 }, // ≈ 10.8 h
    ];
    expect(coverageShares(points, [{ lon: 0, lat: 0 }], 1.3, 60)).toEqual([0.1, 0.4, 1]);
    expect(coverageShares(points, [], 1.3, 60)).toEqual([0, 0, 0]);
    // From 3° N the point at 4.5° N is 1.5° (≈ 3.6 h) away, the one at 0° ≈ 7.2 h.
    expect(coverageShares(points, [{ lon: 0, lat: 3 }], 1.3, 60)).toEqual([0.9, 1, 1]);
  });

  it('adds nationally the cities without a depot that weigh most in demand × hours to today’s nearest site', () => {
    // One depot at (100, 30); cities k = 1…n due east of it at 0.5° × k, demand 1 except the
    // nearest, whose demand 1,000 outweighs the distance of every other.
    const n = GAP_CANDIDATES + 5;
    const cities = Array.from({ length: n }, (_, k) => ({ adcode: `43${String(k + 2).padStart(2, '0')}00`, province: '430000', nameZh: `市${k}`, lon: 100 + 0.5 * (k + 1), lat: 30 }));
    const base = {
      candidates: [{ id: 'D1', lon: 100, lat: 30, fixedCost: 500, capacity: 10 }],
      demands: cities.map((c, k) => ({ id: c.adcode, lon: c.lon, lat: c.lat, demand: k === 0 ? 1000 : 1 })),
      maxOpen: 1,
      roadFactor: 1.3,
      speedKmh: 60,
    };
    const depot = { code: 'D1', adcode: '439900', nameZh: '库', nameEn: 'Depot' };
    const { sites } = reduceLayoutProblem(base, [depot], [...cities, { adcode: '439900', province: '430000', nameZh: '库市', lon: 100, lat: 30 }], (p) => p);
    const added = sites.filter((s) => !s.current).map((s) => s.id);
    expect(added).toHaveLength(GAP_CANDIDATES);
    expect(added).toContain(cities[0]!.adcode);
    expect(added).toEqual(expect.arrayContaining(cities.slice(n - GAP_CANDIDATES + 1).map((c) => c.adcode)));
    expect(added).not.toContain(cities[1]!.adcode);
  });

  it('aggregates depots per city and adds capitals without a depot as candidates, maxOpen = today’s sites', () => {
    const cities = [
      { adcode: '430100', province: '430000', nameZh: '长沙市', lon: 113, lat: 28.2 },
      { adcode: '430200', province: '430000', nameZh: '株洲市', lon: 113.1, lat: 27.8 },
      { adcode: '510100', province: '510000', nameZh: '成都市', lon: 104.1, lat: 30.7 },
      { adcode: '510300', province: '510000', nameZh: '自贡市', lon: 104.8, lat: 29.3 },
      { adcode: '110000', province: '110000', nameZh: '北京', lon: 116.4, lat: 39.9 },
    ];
    expect(cities.filter(isCapital).map((c) => c.adcode)).toEqual(['430100', '510100', '110000']);
    const base = {
      candidates: [
        { id: 'D1', lon: 113.2, lat: 27.9, fixedCost: 500, capacity: 10 },
        { id: 'D2', lon: 113.0, lat: 27.7, fixedCost: 500, capacity: 30 },
        { id: 'D3', lon: 104.8, lat: 29.3, fixedCost: 500, capacity: 5 },
      ],
      demands: cities.map((c) => ({ id: c.adcode, lon: c.lon, lat: c.lat, demand: 1 })),
      maxOpen: 2,
      roadFactor: 1.3,
      speedKmh: 60,
    };
    const depots = [
      { code: 'D1', adcode: '430211', nameZh: '株洲一库', nameEn: 'Zhuzhou 1' },
      { code: 'D2', adcode: '430202', nameZh: '株洲二库', nameEn: 'Zhuzhou 2' },
      { code: 'D3', adcode: '510302', nameZh: '自贡库', nameEn: 'Zigong' },
    ];
    const { problem, sites } = reduceLayoutProblem(base, depots, cities, (p) => ({ '430000': 'Hunan', '510000': 'Sichuan', '110000': 'Beijing' })[p] ?? p);
    expect(sites.map((s) => [s.id, s.current, s.capacity, s.depots])).toEqual([
      ['110000', false, 5, 0],
      ['430100', false, 5, 0],
      ['430200', true, 40, 2],
      ['510100', false, 5, 0],
      ['510300', true, 5, 1],
    ]);
    expect(sites.find((s) => s.id === '430200')).toMatchObject({ lon: 113.1, lat: 27.8, nameEn: 'Zhuzhou 1 and 1 more' });
    expect(sites.find((s) => s.id === '430100')?.nameEn).toBe('Capital of Hunan (candidate)');
    expect(problem.maxOpen).toBe(2);
    expect(problem.candidates.every((c) => c.fixedCost === 500)).toBe(true);
    expect(reduceLayoutProblem(base, depots, cities, (p) => p, 3).problem.maxOpen).toBe(3);
    // In one province's view every city without a depot is a candidate too.
    const hunan = cities.filter((c) => c.province === '430000');
    const one = reduceLayoutProblem({ ...base, candidates: base.candidates.slice(0, 1), demands: base.demands.slice(0, 2) }, depots.slice(0, 1), [...hunan, { ...cities[3]!, province: '430000', adcode: '430300' }], (p) => p, undefined, true);
    expect(one.sites.map((s) => [s.id, s.current])).toEqual([
      ['430100', false],
      ['430200', true],
      ['430300', false],
    ]);
  });
});

describe('cost structure', () => {
  const model = loadCostModel();
  const rice = model.categories['GR-RICE']!;

  it('storage by days of the month, rotation in its month, transport from the same month a year earlier', () => {
    const months = ['2027-01', '2027-02'];
    const figures = costStructure(
      model,
      months,
      [{ region: '430000', category: 'GR-RICE', operatorKind: 'national', quantity: 100 }],
      [
        { region: '430000', category: 'GR-RICE', month: '2026-02', quantity: 10, km: 100 },
        { region: '430000', category: 'GR-RICE', month: '2025-02', quantity: 999, km: 100 },
      ],
      [{ region: '430000', category: 'GR-RICE', month: '2027-02', cost: 1234 }],
    );
    const perDay = 100 * rice.storagePerUnitDay.national.value;
    expect(daysInMonth('2027-02')).toBe(28);
    expect(figures.byMonth).toEqual([
      { month: '2027-01', storage: Math.round(perDay * 31), rotation: 0, transport: 0 },
      { month: '2027-02', storage: Math.round(perDay * 28), rotation: 1234, transport: Math.round(10 * rice.tonnesPerUnit.value * 100 * 1.3 * model.transportPerTonneKm.value) },
    ]);
    expect(figures.byRegion).toHaveLength(1);
    expect(figures.byCategory[0]).toMatchObject({ category: 'GR-RICE', rotation: 1234 });
  });

  it('lists the categories the cost model lacks instead of costing them at zero silently', () => {
    const bare = parseCostModel({ ...model, categories: { 'GR-RICE': rice } });
    const figures = costStructure(bare, ['2027-01'], [{ region: '430000', category: 'OL-SOY', operatorKind: 'national', quantity: 5 }], [], []);
    expect(figures.uncosted).toEqual(['OL-SOY']);
    expect(figures.byMonth[0]).toEqual({ month: '2027-01', storage: 0, rotation: 0, transport: 0 });
  });
});

describe('reserve sizing hint', () => {
  it('counts persons supported as the walls do, and takes the plan as the target where set, else the hint', () => {
    const rows = reserveSizing(
      [{ region: '430000', population: 1_000_000, riskIndex: 50 }],
      [
        { code: 'A', class: 'grain', perCapitaDaily: 0.0005 },
        { code: 'B', class: 'grain', perCapitaDaily: 0.0004 },
        { code: 'S', class: 'shelter', perCapitaDaily: 0.001 },
      ],
      [
        { region: '430000', category: 'A', quantity: 35 }, // 70,000 person-days
        { region: '430000', category: 'B', quantity: 14 }, // 35,000 person-days
        { region: '430000', category: 'S', quantity: 30 }, // 30,000 person-days, durable: ÷ 30
      ],
      [{ region: '430000', category: 'A', quantity: 70 }], // 140,000 person-days
    );
    // called for: 1,000,000 × 1 % × 1.5 = 15,000 persons in each class
    expect(rows).toEqual([
      { region: '430000', class: 'grain', riskIndex: 50, required: 15_000, held: 15_000, planned: 20_000, target: 20_000, targetSource: 'plan', completion: 0.75 },
      { region: '430000', class: 'shelter', riskIndex: 50, required: 15_000, held: 1_000, planned: 0, target: 15_000, targetSource: 'hint', completion: 1_000 / 15_000 },
    ]);
  });
});

describe('unplanned reasons by code', () => {
  it('has a translation for every code the rotation planner gives, in both languages', () => {
    for (const code of UNPLANNED_CODES) {
      expect(zh).toHaveProperty(`optim.unplanned.${code}`);
      expect(en).toHaveProperty(`optim.unplanned.${code}`);
    }
  });
});
