import type { ReserveAtRisk } from '../../shared/contract/forecast-schemas';
import { forecastQueriesFor } from '../forecast/forecast-queries';
import type { Db } from '../replica/open';

/** Reserves a briefing lists at most in its forecast section. */
export const FORECAST_ROWS = 30;

export interface BriefingForecast {
  horizonDays: number;
  level: number;
  /** How many reserves in scope are at risk (the table shows the first FORECAST_ROWS). */
  total: number;
  shown: ReserveAtRisk[];
  /** Consumption anomalies found in the shown reserves, by region and category. */
  anomalies: Map<string, number>;
}

/**
 * The forecast of the reserves at risk in the briefing's scope (one province or all). A forecast
 * looks ahead from the replica as it is: a briefing replayed to a past moment has none (null).
 */
export function gatherForecastSection(db: Db, region: string | null, replayedTo: string | null): BriefingForecast | null {
  if (replayedTo !== null) return null;
  const forecasts = forecastQueriesFor(db);
  const risk = forecasts.risk();
  const inScope = risk.reserves.filter((r) => region === null || r.region === region);
  const shown = inScope.slice(0, FORECAST_ROWS);
  const anomalies = new Map<string, number>();
  for (const r of shown) {
    const reserve = forecasts.region(r.region).reserves.find((x) => x.category === r.category);
    anomalies.set(`${r.region}|${r.category}`, reserve?.anomalies.length ?? 0);
  }
  return { horizonDays: risk.horizonDays, level: risk.level, total: inScope.length, shown, anomalies };
}
