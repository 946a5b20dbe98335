import type { CategoryClass } from './events';

/** What grouping reads of an alert (the situation contract's alert point has these fields). */
export interface GroupableAlert {
  id: string;
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  region: string;
  depot: string | null;
  class: CategoryClass | null;
  category: string | null;
  raisedAt: string;
}

/** Alerts of one depot (or, without a depot, one region), class and kind: one line an officer works. */
export interface AlertGroup {
  key: string;
  kind: string;
  /** The most severe of its alerts. */
  severity: GroupableAlert['severity'];
  region: string;
  depot: string | null;
  class: CategoryClass | null;
  /** Categories its alerts name, sorted. */
  categories: string[];
  count: number;
  /** Earliest and latest raised-at of its alerts. */
  firstSeen: string;
  lastSeen: string;
  ids: string[];
}

const RANK = { critical: 0, warning: 1, info: 2 } as const;

/**
 * Groups alerts by depot × class × kind (a depot-less alert by region × class × kind), with
 * count and first/last seen; most severe first, a break-glass level I heading its severity,
 * then most recently seen. Every alert lands in exactly one group.
 */
export function groupAlerts(alerts: readonly GroupableAlert[]): AlertGroup[] {
  const groups = new Map<string, AlertGroup>();
  for (const a of alerts) {
    const key = [a.depot ?? `region:${a.region}`, a.class ?? '', a.kind].join('|');
    const g = groups.get(key);
    if (!g) {
      groups.set(key, {
        key,
        kind: a.kind,
        severity: a.severity,
        region: a.region,
        depot: a.depot,
        class: a.class,
        categories: a.category ? [a.category] : [],
        count: 1,
        firstSeen: a.raisedAt,
        lastSeen: a.raisedAt,
        ids: [a.id],
      });
      continue;
    }
    g.count++;
    g.ids.push(a.id);
    if (RANK[a.severity] < RANK[g.severity]) g.severity = a.severity;
    if (a.category && !g.categories.includes(a.category)) g.categories.push(a.category);
    if (a.raisedAt < g.firstSeen) g.firstSeen = a.raisedAt;
    if (a.raisedAt > g.lastSeen) g.lastSeen = a.raisedAt;
  }
  const breakGlassFirst = (g: AlertGroup) => (g.kind === 'break-glass' ? 0 : 1);
  return [...groups.values()]
    .map((g) => ({ ...g, categories: g.categories.sort() }))
    .sort(
      (a, b) =>
        RANK[a.severity] - RANK[b.severity] ||
        breakGlassFirst(a) - breakGlassFirst(b) ||
        b.lastSeen.localeCompare(a.lastSeen) ||
        a.key.localeCompare(b.key),
    );
}
