import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, filterReducer, isEmptyFilter } from './filter-reducer';

describe('filter reducer', () => {
  it('toggles classes and bands', () => {
    const a = filterReducer(EMPTY_FILTER, { type: 'toggle-class', class: 'grain' });
    const b = filterReducer(a, { type: 'toggle-class', class: 'water' });
    expect(b.classes).toEqual(['grain', 'water']);
    expect(filterReducer(b, { type: 'toggle-class', class: 'grain' }).classes).toEqual(['water']);
    const c = filterReducer(EMPTY_FILTER, { type: 'toggle-band', band: 'severe' });
    expect(c.riskBands).toEqual(['severe']);
    expect(filterReducer(c, { type: 'toggle-band', band: 'severe' }).riskBands).toEqual([]);
  });

  it('narrows to one category, or none', () => {
    const a = filterReducer(EMPTY_FILTER, { type: 'set-category', category: 'GR-RICE' });
    expect(a.categories).toEqual(['GR-RICE']);
    expect(filterReducer(a, { type: 'set-category', category: null }).categories).toEqual([]);
  });

  it('cross-filters on one province; a second click on it goes back to all', () => {
    const a = filterReducer(EMPTY_FILTER, { type: 'toggle-region', region: '430000' });
    expect(a.regions).toEqual(['430000']);
    expect(filterReducer(a, { type: 'toggle-region', region: '420000' }).regions).toEqual(['420000']);
    expect(filterReducer(a, { type: 'toggle-region', region: '430000' }).regions).toEqual([]);
    expect(filterReducer(a, { type: 'focus-region', region: '430000' }).regions).toEqual(['430000']);
    expect(filterReducer(a, { type: 'focus-region', region: null }).regions).toEqual([]);
  });

  it('clears everything and never mutates its input', () => {
    const start = { classes: ['grain' as const], categories: ['GR-RICE'], regions: ['430000'], riskBands: ['low' as const] };
    const frozen = JSON.stringify(start);
    filterReducer(start, { type: 'toggle-class', class: 'oil' });
    expect(JSON.stringify(start)).toBe(frozen);
    expect(isEmptyFilter(filterReducer(start, { type: 'clear' }))).toBe(true);
    expect(isEmptyFilter(start)).toBe(false);
  });
});
