import { loadAugurs } from './augurs';

/** A finding in a consumption series, with the points that make it. */
export interface SeriesAnomaly {
  kind: 'outlier' | 'changepoint';
  /** Index of the first day concerned in the series. */
  start: number;
  /** Index one past the last day concerned. */
  end: number;
  /** The series' values around the finding (from `evidenceStart`), so a reader sees it without the chart. */
  evidence: number[];
  evidenceStart: number;
}

/** How far either side of a finding its evidence reaches, in days. */
const EVIDENCE_DAYS = 3;
/** augurs' scale-free sensitivity of the MAD detector: higher flags more. */
export const OUTLIER_SENSITIVITY = 0.2;
/** Prior mean run length between changepoints of the Normal-Gamma detector, in days. */
const CHANGEPOINT_HAZARD_DAYS = 250;
/** A level must hold this many days to be a change; shorter runs are lumps of issues, not a new rate. */
export const MIN_RUN_DAYS = 7;

function evidence(series: readonly number[], start: number, end: number): Pick<SeriesAnomaly, 'evidence' | 'evidenceStart'> {
  const from = Math.max(0, start - EVIDENCE_DAYS);
  return { evidenceStart: from, evidence: series.slice(from, Math.min(series.length, end + EVIDENCE_DAYS)) };
}

/** A group's series with movements, each with its mean, cut to the length they share; null when fewer than three. */
function activeGroup(series: readonly (readonly number[])[]) {
  const active = series.map((s, i) => ({ s, i, mean: s.reduce((a, v) => a + v, 0) / Math.max(1, s.length) })).filter((x) => x.mean > 0);
  return active.length < 3 ? null : { active, length: Math.min(...active.map((x) => x.s.length)) };
}

type MadResult = ReturnType<ReturnType<ReturnType<typeof loadAugurs>['OutlierDetector']['mad']>['detect']>;

/** augurs' MAD detector over mean-scaled series; `read` sees its result before the detector is freed. Nothing when the days leave it no spread. */
function withMad(scaled: Float64Array[], read: (result: MadResult) => void): void {
  const detector = loadAugurs().OutlierDetector.mad({ sensitivity: OUTLIER_SENSITIVITY });
  try {
    let result;
    try {
      result = detector.detect(scaled);
    } catch (err) {
      // Most days without an issue anywhere leave no spread to measure against: nothing is outlying.
      if (String(err).includes('division by zero')) return;
      throw err;
    }
    read(result);
  } finally {
    detector.free();
  }
}

/**
 * Outlying days of each series against the others of its group (the same category in every region),
 * by augurs' MAD detector. Each series is first divided by its own mean so a large province is not
 * an outlier for being large. Fewer than three series with movements: no group to compare, no finding.
 */
export function groupOutliers(series: readonly (readonly number[])[]): SeriesAnomaly[][] {
  const found: SeriesAnomaly[][] = series.map(() => []);
  const group = activeGroup(series);
  if (!group) return found;
  const { active, length } = group;
  withMad(
    active.map((x) => Float64Array.from(x.s.slice(0, length), (v) => v / x.mean)),
    (result) =>
      result.seriesResults.forEach((r, j) => {
        const x = active[j];
        if (!x) return;
        for (const iv of r.outlierIntervals) {
          const end = iv.end ?? length;
          found[x.i]?.push({ kind: 'outlier', start: iv.start, end, ...evidence(x.s, iv.start, end) });
        }
      }),
  );
  return found;
}

/** The detector's prior is on unit scale: tonnes and pieces alike are measured in their own standard deviations. */
function standardised(series: readonly number[]): Float64Array {
  const mean = series.reduce((a, v) => a + v, 0) / series.length;
  const sd = Math.sqrt(series.reduce((a, v) => a + (v - mean) ** 2, 0) / series.length) || 1;
  return Float64Array.from(series, (v) => (v - mean) / sd);
}

/**
 * Days where the level of daily issues changes and then holds for at least MIN_RUN_DAYS (augurs'
 * Bayesian online detector with a Normal-Gamma prior), the points around each as evidence.
 */
export function changepoints(series: readonly number[]): SeriesAnomaly[] {
  if (series.length < 2 || series.every((v) => v === series[0])) return [];
  const detector = loadAugurs().ChangepointDetector.normalGamma({ hazardLambda: CHANGEPOINT_HAZARD_DAYS });
  try {
    // The detector names the last day of the old level (and the series' first day, which is no
    // change): a level starts on the day after it.
    const starts = [0, ...detector.detectChangepoints(standardised(series)).indices.map((k) => k + 1).filter((k) => k > 1 && k < series.length)];
    return starts
      .filter((k, i) => i > 0 && k - (starts[i - 1] ?? 0) >= MIN_RUN_DAYS && (starts[i + 1] ?? Infinity) - k >= MIN_RUN_DAYS)
      .map((k) => ({ kind: 'changepoint' as const, start: k, end: k + 1, ...evidence(series, k, k + 1) }));
  } finally {
    detector.free();
  }
}

/** augurs' MAD scores of one series against its group, day by day, and the band of ordinary values, in the series' own units. */
export interface GroupScores {
  scores: number[];
  low: number[];
  high: number[];
}

/**
 * The MAD detector's score of every day of every series against the others of its group (each
 * scaled by its own mean, as `groupOutliers` compares them) and the band it holds ordinary, put
 * back into each series' units. Null for a series without movements or a group of fewer than three.
 */
export function groupOutlierScores(series: readonly (readonly number[])[]): (GroupScores | null)[] {
  const found: (GroupScores | null)[] = series.map(() => null);
  const group = activeGroup(series);
  if (!group) return found;
  const { active, length } = group;
  // Days before any of the group issued anything are no history: all-zero days leave the detector no spread.
  let from = 0;
  while (from < length && active.every((x) => (x.s[from] ?? 0) === 0)) from++;
  const at = (k: number) => k - from;
  withMad(
    active.map((x) => Float64Array.from(x.s.slice(from, length), (v) => v / x.mean)),
    (result) => {
      const band = result.clusterBand;
      result.seriesResults.forEach((r, j) => {
        const x = active[j];
        if (!x) return;
        found[x.i] = {
          scores: Array.from({ length }, (_, k) => (k < from ? 0 : (r.scores[at(k)] ?? 0))),
          low: Array.from({ length }, (_, k) => (k < from ? 0 : Math.max(0, (band?.min[at(k)] ?? 0) * x.mean))),
          high: Array.from({ length }, (_, k) => (k < from ? 0 : (band?.max[at(k)] ?? 0) * x.mean)),
        };
      });
    },
  );
  return found;
}
