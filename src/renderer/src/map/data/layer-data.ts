import type { Situation, SituationFilter } from '../../../../shared/contract/situation-schemas';
import { aggregateDepots, type ProvinceAggregates } from './aggregate-depots';
import { formatAlerts, type AlertColumns } from './format-alerts';
import { formatDepots, type DepotColumns } from './format-depots';
import { formatTransfers, type TransferColumns } from './format-transfers';
import { filterKey, scopeOf, type Scope } from './scope';

export type RenderMode = 'full' | 'aggregated';

/** Stage one of the map layers: everything derived from the data, computed once per data version and filter. */
export interface LayerData {
  /** Changes exactly when any array below changes: the layers' updateTrigger. */
  key: string;
  scope: Scope;
  /** Full view only: one row per depot. */
  depots: DepotColumns | null;
  /** Aggregated view only: one row per province. */
  aggregates: ProvinceAggregates | null;
  transfers: TransferColumns;
  alerts: AlertColumns;
}

export function computeLayerData(situation: Situation, filter: SituationFilter, mode: RenderMode): LayerData {
  const scope = scopeOf(situation, filter);
  return {
    key: `${situation.dataVersion}#${filterKey(filter)}#${mode}`,
    scope,
    depots: mode === 'full' ? formatDepots(situation.depots, scope) : null,
    aggregates: mode === 'aggregated' ? aggregateDepots(situation, scope) : null,
    transfers: formatTransfers(situation, scope),
    alerts: formatAlerts(situation, scope),
  };
}

/**
 * Remembers the last few results by key, so a re-render, a hover or a toggled layer never
 * re-formats a million depots; a new data version or filter does.
 */
export function createLayerDataCache(capacity = 2) {
  const entries = new Map<string, LayerData>();
  return {
    get(situation: Situation, filter: SituationFilter, mode: RenderMode): LayerData {
      const key = `${situation.dataVersion}#${filterKey(filter)}#${mode}`;
      const hit = entries.get(key);
      if (hit) return hit;
      const data = computeLayerData(situation, filter, mode);
      entries.set(key, data);
      while (entries.size > capacity) entries.delete(entries.keys().next().value!);
      return data;
    },
    get size() {
      return entries.size;
    },
  };
}
