import type { PanelKind } from '../walls/layout';

/**
 * Which panels follow the time slider: those drawn from the situation (snapshot and KPIs), which
 * is asked for at the replayed moment. The others read the host's current data (trend, instructions,
 * dispatch, emergency levels) and carry a "live data" mark while a past moment is shown.
 */
export const REPLAYED_PANELS: ReadonlySet<PanelKind> = new Set<PanelKind>([
  'map',
  'kpi-strip',
  'province-table',
  'depot-table',
  'class-cover-chart',
  'province-floor-chart',
  'alert-list',
  'transfer-list',
]);

export const followsReplay = (kind: PanelKind): boolean => REPLAYED_PANELS.has(kind);
