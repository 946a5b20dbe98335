import { PROVINCE_POPULATION_2020_MILLIONS } from '../../shared/domain/population';

/** Land area of each province (10,000 km²), beside its 2020 census population (millions). */
const AREA: Readonly<Record<string, number>> = {
  '110000': 1.64,
  '120000': 1.2,
  '130000': 18.88,
  '140000': 15.67,
  '150000': 118.3,
  '210000': 14.8,
  '220000': 18.74,
  '230000': 47.3,
  '310000': 0.63,
  '320000': 10.72,
  '330000': 10.55,
  '340000': 14.01,
  '350000': 12.4,
  '360000': 16.69,
  '370000': 15.58,
  '410000': 16.7,
  '420000': 18.59,
  '430000': 21.18,
  '440000': 17.97,
  '450000': 23.76,
  '460000': 3.54,
  '500000': 8.24,
  '510000': 48.6,
  '520000': 17.62,
  '530000': 39.4,
  '540000': 122.8,
  '610000': 20.56,
  '620000': 42.58,
  '630000': 72.23,
  '640000': 6.64,
  '650000': 166.49,
};

/** Rough size of each province for spreading depots: reserves follow people first, distance second. */
const SIZES: Readonly<Record<string, readonly [population: number, area: number]>> = Object.fromEntries(
  Object.entries(AREA).map(([code, area]) => [code, [PROVINCE_POPULATION_2020_MILLIONS[code] ?? 0, area] as const]),
);

const POPULATION_SHARE = 0.8;

/** Relative weight of a province (weights of all 31 sum to 1). */
export function provinceWeight(adcode: string): number {
  const size = SIZES[adcode];
  if (!size) throw new Error(`unknown province ${adcode}`);
  let pop = 0;
  let area = 0;
  for (const [p, a] of Object.values(SIZES)) {
    pop += p;
    area += a;
  }
  return POPULATION_SHARE * (size[0] / pop) + (1 - POPULATION_SHARE) * (size[1] / area);
}
