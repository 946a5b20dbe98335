/**
 * Resident population of each province at the 2020 (seventh) national census, in millions,
 * rounded to 10,000 people. Reference data for per-capita figures (days of cover) and for
 * spreading the synthetic depots; the seed depends on these exact values.
 */
export const PROVINCE_POPULATION_2020_MILLIONS: Readonly<Record<string, number>> = {
  '110000': 21.89,
  '120000': 13.87,
  '130000': 74.61,
  '140000': 34.92,
  '150000': 24.05,
  '210000': 42.59,
  '220000': 24.07,
  '230000': 31.85,
  '310000': 24.87,
  '320000': 84.75,
  '330000': 64.57,
  '340000': 61.03,
  '350000': 41.54,
  '360000': 45.19,
  '370000': 101.53,
  '410000': 99.37,
  '420000': 57.75,
  '430000': 66.45,
  '440000': 126.01,
  '450000': 50.13,
  '460000': 10.08,
  '500000': 32.05,
  '510000': 83.67,
  '520000': 38.56,
  '530000': 47.21,
  '540000': 3.65,
  '610000': 39.53,
  '620000': 25.02,
  '630000': 5.92,
  '640000': 7.2,
  '650000': 25.85,
};

/** Population of a province in persons; 0 for a code that is not one of the 31 provinces. */
export function provincePopulation(adcode: string): number {
  return Math.round((PROVINCE_POPULATION_2020_MILLIONS[adcode] ?? 0) * 1_000_000);
}

/** Population of several provinces (all 31 when the list is empty), in persons. */
export function populationOf(adcodes: readonly string[]): number {
  const codes = adcodes.length > 0 ? adcodes : Object.keys(PROVINCE_POPULATION_2020_MILLIONS);
  return codes.reduce((sum, code) => sum + provincePopulation(code), 0);
}
