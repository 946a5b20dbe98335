import type { RuleEvidence, RuleObservation } from '../../shared/domain/alert-rule-engine';
import { changepoints, groupOutlierScores, MIN_RUN_DAYS } from '../forecast/anomalies';
import { dailySeries } from '../forecast/daily-series';
import { HISTORY_DAYS, prepareForecastStatements } from '../forecast/forecast-queries';
import type { Db } from '../replica/open';
import { isoDatePlus } from '../replica/situation/as-of';

/** The latest days an outlier counts in: older ones are history, shown by the forecast panel. */
export const OUTLIER_WINDOW_DAYS = 7;
/** A level change counts while it began within these last days, and once it has held MIN_RUN_DAYS. */
export const CHANGE_WINDOW_DAYS = 14;
/**
 * The score of a recent level change augurs' changepoint detector finds: past the customary 3.5
 * of a robust z-score, so a rule set to flag outliers flags a new rate of issues too, unless an
 * outlier that week scores higher.
 */
export const CHANGEPOINT_SCORE = 4;
/** Days a level change is looked for in: the change window and four weeks before it to tell a new level from the old. */
export const CHANGE_HISTORY_DAYS = CHANGE_WINDOW_DAYS + 28;

interface RegionSeries {
  /** The region's head and the window's last day: the series hold while both are unchanged. */
  key: string;
  consumption: Map<string, number[]>;
}

const mean = (xs: readonly number[]) => (xs.length > 0 ? xs.reduce((a, v) => a + v, 0) / xs.length : 0);

/**
 * `consumption-anomaly` per region × category: the daily issues of the last HISTORY_DAYS,
 * rebuilt from the log as the forecast rebuilds them (the window ends on the replica's data-as-of
 * day, never the workstation's). The score is the highest of augurs' MAD outlier score of the
 * region's series against the same category in every province over the last
 * OUTLIER_WINDOW_DAYS, and CHANGEPOINT_SCORE when augurs' changepoint detector, run on the last
 * CHANGE_HISTORY_DAYS, finds a new level of issues begun within CHANGE_WINDOW_DAYS that has held
 * MIN_RUN_DAYS. The finding that makes the score (its day,
 * the value, the band the detector holds ordinary or the level before the change) is the
 * evidence carried onto the alert. Each province's series are rebuilt only when its head moves.
 */
export function createAnomalyObservations(db: Db) {
  const s = prepareForecastStatements(db);
  const cache = new Map<string, RegionSeries>();
  // The detectors run again only on series that changed: a batch moves a few categories of one province.
  const scoredCache = new Map<string, { key: string; scored: ReturnType<typeof groupOutlierScores> }>();
  const changeCache = new Map<string, { key: string; change: ReturnType<typeof changepoints>[number] | undefined }>();
  const scoredOf = (category: string, group: readonly (readonly number[])[]) => {
    const key = group.map((g) => g.join(',')).join(';');
    const hit = scoredCache.get(category);
    if (hit?.key === key) return hit.scored;
    const scored = groupOutlierScores(group);
    scoredCache.set(category, { key, scored });
    return scored;
  };
  const changeOf = (subject: string, series: readonly number[]) => {
    const key = series.join(',');
    const hit = changeCache.get(subject);
    if (hit?.key === key) return hit.change;
    // The detector's cost grows with the square of the days: it reads only the recent tail.
    const offset = series.length - CHANGE_HISTORY_DAYS;
    const change = changepoints(series.slice(offset))
      .map((a) => ({ ...a, start: a.start + offset }))
      .filter((a) => a.start >= HISTORY_DAYS - CHANGE_WINDOW_DAYS && a.start <= HISTORY_DAYS - MIN_RUN_DAYS)
      .at(-1);
    changeCache.set(subject, { key, change });
    return change;
  };

  const seriesOf = (region: string, key: string, dates: readonly string[]): RegionSeries => {
    const hit = cache.get(region);
    if (hit?.key === key) return hit;
    const stockNow = new Map(s.stock.all(region).map((r) => [r.category, r.quantity]));
    const daily = dailySeries(s.movements.iterate(region), stockNow, dates);
    const part = { key, consumption: new Map([...daily].map(([c, d]) => [c, d.consumption])) };
    cache.set(region, part);
    return part;
  };

  return (regions: readonly string[]): RuleObservation[] => {
    const heads = s.heads.all();
    const asOf = heads.reduce<string | null>((m, h) => (h.data_as_of && (!m || h.data_as_of > m) ? h.data_as_of : m), null);
    if (!asOf) return [];
    const today = asOf.slice(0, 10);
    const dates = Array.from({ length: HISTORY_DAYS }, (_, i) => isoDatePlus(today, i - HISTORY_DAYS + 1));
    const seqOf = new Map(heads.map((h) => [h.region, h.last_seq]));
    const provinces = s.provinces.all().map((p) => p.adcode);
    const parts = new Map(provinces.map((p) => [p, seriesOf(p, `${seqOf.get(p) ?? 0}|${today}`, dates)]));
    const wanted = regions.filter((r) => parts.has(r));
    const out: RuleObservation[] = [];
    const zero = new Array<number>(HISTORY_DAYS).fill(0);
    for (const c of s.categories.all()) {
      const group = provinces.map((p) => parts.get(p)?.consumption.get(c.code) ?? zero);
      const scored = scoredOf(c.code, group);
      for (const region of wanted) {
        const i = provinces.indexOf(region);
        const series = parts.get(region)?.consumption.get(c.code);
        if (!series || series.every((v) => v === 0)) continue;
        let value = 0;
        let evidence: RuleEvidence | null = null;
        const g = scored[i];
        for (let k = HISTORY_DAYS - OUTLIER_WINDOW_DAYS; g && k < HISTORY_DAYS; k++) {
          const score = g.scores[k] ?? 0;
          if (score > value) {
            value = score;
            evidence = { kind: 'outlier', day: dates[k] ?? today, value: series[k] ?? 0, expectedLow: g.low[k] ?? 0, expectedHigh: g.high[k] ?? 0 };
          }
        }
        const change = changeOf(`${region}|${c.code}`, series);
        if (change && CHANGEPOINT_SCORE > value) {
          const before = mean(series.slice(Math.max(0, change.start - CHANGE_WINDOW_DAYS), change.start));
          value = CHANGEPOINT_SCORE;
          evidence = { kind: 'changepoint', day: dates[change.start] ?? today, value: mean(series.slice(change.start)), expectedLow: before, expectedHigh: before };
        }
        out.push({ measure: 'consumption-anomaly', subject: `consumption:${region}:${c.code}`, region, depot: null, class: c.class, category: c.code, value, evidence });
      }
    }
    return out;
  };
}

export type AnomalyObservations = ReturnType<typeof createAnomalyObservations>;
