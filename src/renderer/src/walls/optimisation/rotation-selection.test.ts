import { describe, expect, it } from 'vitest';
import type { RotationView } from '../../../../shared/contract';
import { calendarOf, cellKey, instructionGroups, issueRows, rowKey } from './rotation-selection';

const view: RotationView = {
  region: null,
  firstMonth: '2027-01',
  months: ['2027-01', '2027-02', '2027-03'],
  depots: [
    { code: 'A', nameZh: '甲库', nameEn: 'A depot', region: '430000' },
    { code: 'B', nameZh: '乙库', nameEn: 'B depot', region: '510000' },
    { code: 'C', nameZh: '丙库', nameEn: 'C depot', region: '510000' },
  ],
  categories: [],
  rotations: [
    { lot: 'L1', depot: 'A', category: 'GR-RICE', quantity: 10, month: '2027-01', sellBy: '2027-02', arrives: '2027-03', cost: 1 },
    { lot: 'L2', depot: 'A', category: 'OL-SOY', quantity: 5, month: '2027-01', sellBy: '2027-03', arrives: '2027-02', cost: 1 },
    { lot: 'L3', depot: 'B', category: 'GR-RICE', quantity: 100, month: '2027-02', sellBy: '2027-03', arrives: '2027-04', cost: 1 },
    { lot: 'L4', depot: 'C', category: 'GR-RICE', quantity: 1, month: '2027-03', sellBy: '2027-03', arrives: '2027-05', cost: 1 },
  ],
  floorByMonth: [
    { depot: 'A', class: 'grain', month: '2027-01', held: 50, floor: 40 },
    { depot: 'A', class: 'oil', month: '2027-01', held: 12, floor: 11 },
  ],
  unplanned: [],
  cost: 4,
  model: { columns: 0, rows: 0, binaries: 0, solverMs: 0, models: 0 },
  solveMillis: 0,
};

describe('rotation calendar', () => {
  it('adds quantities per depot, month and category; the tightest floor of the cell; the busiest depots first', () => {
    const cal = calendarOf(view, 2);
    expect(cal.depots).toEqual(['B', 'A']);
    expect(cal.totalDepots).toBe(3);
    const a = cal.cells.get(cellKey('A', '2027-01'))!;
    expect(a).toMatchObject({ total: 15, byCategory: { 'GR-RICE': 10, 'OL-SOY': 5 }, keys: ['L1|A', 'L2|A'] });
    expect(a.floor).toEqual({ class: 'oil', held: 12, floor: 11, belowAtStart: false });
  });

  it('issues exactly the rows selected, one instruction per region and month', () => {
    const selected = new Set(['L1|A', 'L3|B', 'L4|C'].map((k) => k));
    expect(issueRows(view, selected).map(rowKey)).toEqual(['L1|A', 'L3|B', 'L4|C']);
    expect(issueRows(view, selected)[0]).toEqual({ lot: 'L1', depot: 'A', category: 'GR-RICE', quantity: 10, month: '2027-01' });
    expect(instructionGroups(view, selected)).toEqual({ regions: ['430000', '510000'], count: 3 });
    expect(instructionGroups(view, new Set())).toEqual({ regions: [], count: 0 });
  });
});
