import { loadAugurs } from './augurs';

/** A forecast of the next `horizon` days with its prediction interval at `level`. */
export interface Band {
  point: number[];
  lower: number[];
  upper: number[];
  level: number;
  /** What produced it: the MSTL/AutoETS fit, or a flat line for a series that never moved. */
  method: 'mstl-ets' | 'flat';
}

/** Weekly seasonality: issues and intakes follow the working week. */
export const SEASON_DAYS = 7;
/** Fewer days than this and the seasonal decomposition has nothing to stand on. */
export const MIN_HISTORY_DAYS = 3 * SEASON_DAYS;

export class ForecastInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForecastInputError';
  }
}

/**
 * MSTL (weekly season) with an AutoETS trend, fitted by augurs, forecast `horizon` days ahead with
 * a prediction interval at `level`. A series that never moved is forecast flat with no band: there
 * is nothing to fit and ETS would divide by its zero variance.
 */
export function forecastBand(y: readonly number[], horizon: number, level: number): Band {
  if (y.length < MIN_HISTORY_DAYS) throw new ForecastInputError(`a forecast needs at least ${MIN_HISTORY_DAYS} days of history, got ${y.length}`);
  if (!Number.isInteger(horizon) || horizon < 1) throw new ForecastInputError(`the horizon must be a whole number of days ≥ 1, got ${horizon}`);
  if (!(level > 0 && level < 1)) throw new ForecastInputError(`the interval level must be between 0 and 1, got ${level}`);
  const bad = y.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new ForecastInputError(`day ${bad} of the series is not a finite number`);
  const first = y[0] ?? 0;
  if (y.every((v) => v === first)) {
    const flat = new Array<number>(horizon).fill(first);
    return { point: flat, lower: [...flat], upper: [...flat], level, method: 'flat' };
  }
  const model = loadAugurs().MSTL.ets([SEASON_DAYS]);
  try {
    model.fit(Float64Array.from(y));
    const f = model.predict(horizon, level);
    if (!f.intervals) throw new Error('augurs returned no prediction interval');
    return { point: f.point, lower: f.intervals.lower, upper: f.intervals.upper, level, method: 'mstl-ets' };
  } finally {
    model.free();
  }
}

/** Stock cannot go below zero: the band of a stock forecast is cut there. */
export function clampAtZero(b: Band): Band {
  const cut = (xs: number[]) => xs.map((v) => Math.max(0, v));
  return { ...b, point: cut(b.point), lower: cut(b.lower), upper: cut(b.upper) };
}

/** Days ahead (1 = tomorrow) at which a forecast first goes below the floor; null when it stays above within the horizon. */
export interface Crossing {
  /** The point forecast's crossing: the day to expect. */
  expected: number | null;
  /** The lower bound's crossing: the earliest day the interval allows. */
  earliest: number | null;
  /** The upper bound's crossing: by this day the interval is wholly under the floor. */
  latest: number | null;
}

export function floorCrossing(band: Pick<Band, 'point' | 'lower' | 'upper'>, floor: number): Crossing {
  const first = (xs: readonly number[]) => {
    const k = xs.findIndex((v) => v < floor);
    return k < 0 ? null : k + 1;
  };
  return { expected: first(band.point), earliest: first(band.lower), latest: first(band.upper) };
}
