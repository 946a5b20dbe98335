import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/seed/prng';
import { changepoints, groupOutliers } from '../../src/core/forecast/anomalies';
import { floorCrossing, forecastBand, ForecastInputError } from '../../src/core/forecast/model';

/** Standard normal draw (Box–Muller) from the project's seeded generator. */
function gauss(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** A known trend plus a weekly season plus noise of standard deviation `sigma`. */
function seeded(rng: Rng, days: number, sigma: number): number[] {
  const level = 5000 + rng.next() * 2000;
  const slope = -(5 + rng.next() * 20);
  const amplitude = 40 + rng.next() * 60;
  return Array.from({ length: days }, (_, t) => level + slope * t + amplitude * Math.sin((2 * Math.PI * t) / 7) + sigma * gauss(rng));
}

describe('forecast band (augurs MSTL + AutoETS)', () => {
  it('covers held-back truth at roughly its nominal rate on seeded trend + weekly season', () => {
    const history = 84;
    const horizon = 14;
    const level = 0.8;
    let inside = 0;
    let total = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const y = seeded(new Rng(seed, 'coverage'), history + horizon, 25);
      const band = forecastBand(y.slice(0, history), horizon, level);
      expect(band.method).toBe('mstl-ets');
      expect(band.point).toHaveLength(horizon);
      y.slice(history).forEach((truth, k) => {
        total++;
        if (truth >= (band.lower[k] ?? Infinity) && truth <= (band.upper[k] ?? -Infinity)) inside++;
      });
    }
    const coverage = inside / total;
    // 560 held-back days: sampling error alone is about ±2 points; the bound allows model error too.
    expect(coverage).toBeGreaterThan(level - 0.12);
    expect(coverage).toBeLessThan(Math.min(0.99, level + 0.12));
  });

  it('follows the known trend: the point forecast lands near the noise-free truth', () => {
    const rng = new Rng(7, 'trend');
    const y = Array.from({ length: 98 }, (_, t) => 3000 - 10 * t + 50 * Math.sin((2 * Math.PI * t) / 7) + 5 * gauss(rng));
    const band = forecastBand(y.slice(0, 84), 14, 0.9);
    band.point.forEach((p, k) => expect(Math.abs(p - (3000 - 10 * (84 + k) + 50 * Math.sin((2 * Math.PI * (84 + k)) / 7)))).toBeLessThan(40));
  });

  it('forecasts a series that never moved flat, with no band', () => {
    const band = forecastBand(new Array<number>(60).fill(1200), 5, 0.8);
    expect(band).toMatchObject({ method: 'flat', point: [1200, 1200, 1200, 1200, 1200], lower: [1200, 1200, 1200, 1200, 1200] });
  });

  it('refuses a short series, a bad horizon, a bad level and a non-finite day with a specific error', () => {
    expect(() => forecastBand([1, 2, 3], 5, 0.8)).toThrow(/at least 21 days of history, got 3/);
    expect(() => forecastBand(new Array<number>(30).fill(1), 0, 0.8)).toThrow(ForecastInputError);
    expect(() => forecastBand(new Array<number>(30).fill(1), 5, 1.5)).toThrow(/between 0 and 1/);
    const y = new Array<number>(30).fill(1);
    y[4] = Number.NaN;
    expect(() => forecastBand(y, 5, 0.8)).toThrow(/day 4 of the series is not a finite number/);
  });
});

describe('floor crossing', () => {
  it('is the first day each line goes below the floor (hand-checked)', () => {
    // floor 100: point 120,105,99 → day 3; lower 110,95 → day 2; upper never.
    expect(floorCrossing({ point: [120, 105, 99, 90], lower: [110, 95, 80, 70], upper: [130, 125, 118, 110] }, 100)).toEqual({ expected: 3, earliest: 2, latest: null });
  });

  it('on a straight decline the forecast crosses on the day arithmetic says', () => {
    // 2000 − 10·t over 84 days ends at 1170; below 905 first at 1170 − 10·27 = 900, i.e. 27 days on.
    const rng = new Rng(3, 'decline');
    const y = Array.from({ length: 84 }, (_, t) => 2000 - 10 * t + 0.01 * gauss(rng));
    const crossing = floorCrossing(forecastBand(y, 40, 0.8), 905);
    expect(crossing.expected).toBe(27);
    expect(crossing.earliest).toBeLessThanOrEqual(27);
    expect(crossing.latest ?? Infinity).toBeGreaterThanOrEqual(27);
  });
});

describe('anomalies in consumption', () => {
  it('finds outliers planted in one region among its peers, with the planted days as evidence', () => {
    const rng = new Rng(11, 'outliers');
    const group = Array.from({ length: 8 }, (_, r) => Array.from({ length: 60 }, (_, t) => (100 + 20 * r) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 7)) * (1 + 0.05 * gauss(rng))));
    const planted = group[5] as number[];
    planted[20] = (planted[20] ?? 0) * 6;
    planted[41] = (planted[41] ?? 0) * 6;
    const found = groupOutliers(group);
    expect(found[5]?.map((a) => a.start)).toEqual([20, 41]);
    for (const a of found[5] ?? []) expect(a.evidence).toContain(planted[a.start]);
    found.forEach((a, r) => r !== 5 && expect(a).toEqual([]));
  });

  it('finds no outlier in a clean group and none with fewer than three series', () => {
    const rng = new Rng(12, 'clean');
    const group = Array.from({ length: 6 }, (_, r) => Array.from({ length: 60 }, () => (50 + r) * (1 + 0.05 * gauss(rng))));
    expect(groupOutliers(group).flat()).toEqual([]);
    expect(groupOutliers([[1, 9, 1], [1, 1, 1]]).flat()).toEqual([]);
  });

  it('finds the day consumption steps up', () => {
    const rng = new Rng(13, 'step');
    const y = Array.from({ length: 80 }, (_, t) => (t < 45 ? 100 : 300) + 5 * gauss(rng));
    const found = changepoints(y);
    expect(found.map((a) => a.start)).toEqual([45]);
    expect(found[0]?.evidence).toContain(y[45]);
  });

  it('takes a lump of issues shorter than a week for no change of level', () => {
    const y = new Array<number>(80).fill(0).map((_, t) => (t >= 30 && t < 33 ? 400 : 10 + (t % 3)));
    expect(changepoints(y)).toEqual([]);
  });
});
