import { describe, expect, it } from 'vitest';
import { groupAlerts, type GroupableAlert } from '../../src/shared/domain/alert-groups';

const alert = (id: string, over: Partial<GroupableAlert>): GroupableAlert => ({
  id,
  kind: 'expiring',
  severity: 'warning',
  region: '430000',
  depot: '430100-D001',
  class: 'grain',
  category: 'GR-RICE',
  raisedAt: '2026-01-01T00:00:00Z',
  ...over,
});

describe('grouping alerts', () => {
  it('puts one depot × class × kind in one group with count, categories and first/last seen', () => {
    const groups = groupAlerts([
      alert('a', { raisedAt: '2026-01-03T00:00:00Z' }),
      alert('b', { raisedAt: '2026-01-01T00:00:00Z', category: 'GR-WHEAT' }),
      alert('c', { raisedAt: '2026-01-02T00:00:00Z', severity: 'critical', kind: 'expired' }),
      alert('d', { raisedAt: '2026-01-05T00:00:00Z', class: 'water', category: 'WA-BOTTLE' }),
      alert('e', { raisedAt: '2026-01-04T00:00:00Z' }),
    ]);
    expect(groups.map((g) => [g.kind, g.class, g.count])).toEqual([
      ['expired', 'grain', 1],
      ['expiring', 'water', 1],
      ['expiring', 'grain', 3],
    ]);
    const grain = groups[2]!;
    expect(grain).toMatchObject({ firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-04T00:00:00Z', categories: ['GR-RICE', 'GR-WHEAT'], ids: ['a', 'b', 'e'] });
  });

  it('groups depot-less alerts by region, and puts a break-glass level first within its severity', () => {
    const groups = groupAlerts([
      alert('x', { depot: null, kind: 'anomaly', class: null, category: null, severity: 'critical', raisedAt: '2026-02-01T00:00:00Z' }),
      alert('y', { depot: null, kind: 'break-glass', class: null, category: null, severity: 'critical', region: '420000' }),
      alert('z', { depot: null, kind: 'anomaly', class: null, category: null, severity: 'warning' }),
    ]);
    expect(groups.map((g) => [g.kind, g.region, g.count, g.severity])).toEqual([
      ['break-glass', '420000', 1, 'critical'],
      ['anomaly', '430000', 2, 'critical'],
    ]);
  });
});
