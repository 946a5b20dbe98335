import { describe, expect, it } from 'vitest';
import { ruleAlertInScope } from '../../src/shared/domain/rule-alert-filter';

const floor = { region: '430000', class: 'grain', category: null };
const lot = { region: '420000', class: 'grain', category: 'GR-RICE' };
const none = { regions: [], classes: [], categories: [] };

describe('rule alerts in a wall filter', () => {
  it('keeps everything without a filter, and narrows by region, class and category', () => {
    expect([floor, lot].filter(ruleAlertInScope(none))).toEqual([floor, lot]);
    expect([floor, lot].filter(ruleAlertInScope({ ...none, regions: ['420000'] }))).toEqual([lot]);
    expect([floor, lot].filter(ruleAlertInScope({ ...none, classes: ['oil'] }))).toEqual([]);
    // A floor alert concerns the whole class: it stays under a category filter; a lot's does not.
    expect([floor, lot].filter(ruleAlertInScope({ ...none, categories: ['GR-WHEAT'] }))).toEqual([floor]);
    expect([floor, lot].filter(ruleAlertInScope({ ...none, categories: ['GR-RICE'] }))).toEqual([floor, lot]);
  });
});
