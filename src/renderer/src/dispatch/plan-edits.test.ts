import { describe, expect, it } from 'vitest';
import type { DispatchRecommendation, PlanFlow } from '../../../shared/contract/dispatch-schemas';
import { applyEdit, arcsOf, issueLines, lineProblems, linesOf, plannedByCategory, quantityOf, sourceRegions } from './plan-edits';

const flow = (from: string, fromRegion: string, category: string, quantity: number, available: number, to = '430000'): PlanFlow => ({
  from,
  fromName: from,
  fromNameEn: from,
  fromRegion,
  fromLon: 110,
  fromLat: 28,
  to,
  toName: '湖南省',
  toNameEn: 'Hunan',
  toLon: 111.78,
  toLat: 28.09,
  category,
  categoryName: category,
  categoryNameEn: category,
  unit: '顶',
  unitEn: 'tent',
  quantity,
  hours: 2,
  available,
});

const rec = (flows: PlanFlow[]) => ({ plan: { flows } }) as unknown as DispatchRecommendation;

describe('editing a recommended plan', () => {
  const start = linesOf(
    rec([
      flow('HN-CS', '430000', 'SH-TENT', 200, 250),
      flow('HN-CS', '430000', 'SH-TENT', 50, 250, '360000'),
      flow('SC-CD', '510000', 'SH-TENT', 90, 5000),
      flow('SC-CD', '510000', 'GR-RICE', 12, 12),
    ]),
  );

  it('starts from the recommendation, one line per depot, destination and category', () => {
    expect(start.map((l) => [l.key, l.text])).toEqual([
      ['HN-CS|430000|SH-TENT', '200'],
      ['HN-CS|360000|SH-TENT', '50'],
      ['SC-CD|430000|SH-TENT', '90'],
      ['SC-CD|430000|GR-RICE', '12'],
    ]);
    expect(lineProblems(start).size).toBe(0);
    expect(issueLines(start)).toEqual([
      { from: 'HN-CS', to: '430000', category: 'SH-TENT', quantity: 200 },
      { from: 'HN-CS', to: '360000', category: 'SH-TENT', quantity: 50 },
      { from: 'SC-CD', to: '430000', category: 'SH-TENT', quantity: 90 },
      { from: 'SC-CD', to: '430000', category: 'GR-RICE', quantity: 12 },
    ]);
    expect(sourceRegions(start)).toEqual(['430000', '510000']);
  });

  it('reads only positive whole numbers as quantities', () => {
    expect(['12', ' 7 ', '0', '-3', '2.5', '1e3', '', 'abc'].map(quantityOf)).toEqual([12, 7, null, null, null, null, null, null]);
  });

  it('marks a depot asked for more than it holds above its floor, its lines together', () => {
    const more = applyEdit(start, { type: 'set', key: 'HN-CS|360000|SH-TENT', text: '51' });
    expect([...lineProblems(more)]).toEqual([
      ['HN-CS|430000|SH-TENT', 'over-supply'],
      ['HN-CS|360000|SH-TENT', 'over-supply'],
    ]);
    expect(issueLines(more)).toBeNull();
    // Removing the other line of that depot makes the plan valid again.
    const fixed = applyEdit(more, { type: 'remove', key: 'HN-CS|430000|SH-TENT' });
    expect(lineProblems(fixed).size).toBe(0);
    expect(issueLines(fixed)?.map((l) => l.quantity)).toEqual([51, 90, 12]);
  });

  it('keeps what was typed, refuses to issue until it is a whole number', () => {
    const typing = applyEdit(start, { type: 'set', key: 'SC-CD|430000|GR-RICE', text: '1.5' });
    expect(typing.find((l) => l.key === 'SC-CD|430000|GR-RICE')?.text).toBe('1.5');
    expect([...lineProblems(typing)]).toEqual([['SC-CD|430000|GR-RICE', 'not-whole']]);
    expect(issueLines(typing)).toBeNull();
    expect(plannedByCategory(typing).get('GR-RICE')).toBe(0);
  });

  it('removes and restores rows; nothing left means nothing to issue', () => {
    let lines = start;
    for (const l of start) lines = applyEdit(lines, { type: 'remove', key: l.key });
    expect(issueLines(lines)).toBeNull();
    expect(sourceRegions(lines)).toEqual([]);
    lines = applyEdit(lines, { type: 'restore', key: 'SC-CD|430000|GR-RICE' });
    expect(issueLines(lines)).toEqual([{ from: 'SC-CD', to: '430000', category: 'GR-RICE', quantity: 12 }]);
    expect(sourceRegions(lines)).toEqual(['510000']);
  });

  it('gives the map one arc per line of the category shown, with the edited quantity', () => {
    const edited = applyEdit(applyEdit(start, { type: 'set', key: 'SC-CD|430000|SH-TENT', text: '80' }), { type: 'remove', key: 'HN-CS|360000|SH-TENT' });
    expect(arcsOf(edited, 'SH-TENT').map((a) => [a.from, a.to, a.quantity])).toEqual([
      ['HN-CS', '430000', 200],
      ['SC-CD', '430000', 80],
    ]);
    expect(arcsOf(edited, 'GR-RICE')).toHaveLength(1);
    expect(arcsOf(edited, null)).toEqual([]);
  });
});
