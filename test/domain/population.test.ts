import { describe, expect, it } from 'vitest';
import { PROVINCE_POPULATION_2020_MILLIONS, populationOf, provincePopulation } from '../../src/shared/domain/population';
import { PROVINCE_CENTROIDS } from '../../src/shared/domain/province-centroids';
import { PROVINCES } from '../../src/shared/domain/provinces';

describe('province reference data', () => {
  it('has the 2020 census population of every province, adding up to the mainland total', () => {
    expect(Object.keys(PROVINCE_POPULATION_2020_MILLIONS).sort()).toEqual(PROVINCES.map((p) => p.adcode).sort());
    // 1,411.78 million at the seventh census, of whom about 2 million serving in the armed forces are in no province
    expect(populationOf([]) / 1e6).toBeCloseTo(1409.78, 1);
    expect(provincePopulation('430000')).toBe(66_450_000);
    expect(provincePopulation('000000')).toBe(0);
    expect(populationOf(['110000', '120000'])).toBe(21_890_000 + 13_870_000);
  });

  it('places a label point inside China for every province', () => {
    for (const p of PROVINCES) {
      const [lon, lat] = PROVINCE_CENTROIDS[p.adcode] ?? [0, 0];
      expect(lon, p.adcode).toBeGreaterThan(73);
      expect(lon, p.adcode).toBeLessThan(135);
      expect(lat, p.adcode).toBeGreaterThan(18);
      expect(lat, p.adcode).toBeLessThan(54);
    }
  });
});
