/**
 * Rough size of each province for spreading depots: 2020 census population (millions) and
 * land area (10,000 km²). Reserves follow people first, distance second.
 */
const SIZES: Readonly<Record<string, readonly [population: number, area: number]>> = {
  '110000': [21.89, 1.64],
  '120000': [13.87, 1.2],
  '130000': [74.61, 18.88],
  '140000': [34.92, 15.67],
  '150000': [24.05, 118.3],
  '210000': [42.59, 14.8],
  '220000': [24.07, 18.74],
  '230000': [31.85, 47.3],
  '310000': [24.87, 0.63],
  '320000': [84.75, 10.72],
  '330000': [64.57, 10.55],
  '340000': [61.03, 14.01],
  '350000': [41.54, 12.4],
  '360000': [45.19, 16.69],
  '370000': [101.53, 15.58],
  '410000': [99.37, 16.7],
  '420000': [57.75, 18.59],
  '430000': [66.45, 21.18],
  '440000': [126.01, 17.97],
  '450000': [50.13, 23.76],
  '460000': [10.08, 3.54],
  '500000': [32.05, 8.24],
  '510000': [83.67, 48.6],
  '520000': [38.56, 17.62],
  '530000': [47.21, 39.4],
  '540000': [3.65, 122.8],
  '610000': [39.53, 20.56],
  '620000': [25.02, 42.58],
  '630000': [5.92, 72.23],
  '640000': [7.2, 6.64],
  '650000': [25.85, 166.49],
};

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

/** Population in millions, for per-capita figures. */
export function provincePopulation(adcode: string): number {
  const size = SIZES[adcode];
  if (!size) throw new Error(`unknown province ${adcode}`);
  return size[0];
}
