import { describe, expect, it } from 'vitest';
import { estimateAffected, hazardScenario, loadProvinceAreas, parseHazardFile } from '../../src/core/hazard';
import { provincePopulation } from '../../src/shared/domain/population';

/**
 * Hazard files against the shipped basemap's province polygons. Expected areas are worked out
 * here from spherical geometry (a 1° × 1° cell is R²·Δλ·(sin φ₂ − sin φ₁); a circle of radius r
 * is 2πR²(1 − cos(r/R))), Hubei's area (185,900 km²) from the statistical yearbook.
 */
const R = 6371;
const rad = (d: number) => (d * Math.PI) / 180;
const cellKm2 = (lon0: number, lat0: number, lon1: number, lat1: number) => R * R * rad(lon1 - lon0) * (Math.sin(rad(lat1)) - Math.sin(rad(lat0)));
const circleKm2 = (r: number) => 2 * Math.PI * R * R * (1 - Math.cos(r / R));
const provinces = loadProvinceAreas();

const props = { hazardType: 'flood', level: 'orange', validFrom: '2026-07-10T08:00:00+08:00', validTo: '2026-07-13T08:00:00+08:00' };
const box = (lon0: number, lat0: number, lon1: number, lat1: number, over: Record<string, unknown> = {}) => ({
  type: 'Feature',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [lon0, lat0],
        [lon1, lat0],
        [lon1, lat1],
        [lon0, lat1],
        [lon0, lat0],
      ],
    ],
  },
  properties: { ...props, ...over },
});
const point = (lon: number, lat: number, radiusKm: number, over: Record<string, unknown> = {}) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { ...props, radiusKm, ...over },
});
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

describe('hazard import: affected regions and people', () => {
  it('a polygon inside Hubei yields Hubei alone, with its area and people', () => {
    const estimate = estimateAffected(parseHazardFile(collection(box(113.8, 30, 114.8, 31))), provinces);
    expect(estimate.regions.map((r) => r.region)).toEqual(['420000']);
    const hubei = estimate.regions[0];
    const expected = cellKm2(113.8, 30, 114.8, 31);
    expect(Math.abs((hubei?.areaKm2 ?? 0) - expected) / expected).toBeLessThan(0.01);
    // The basemap's Hubei is within 2 % of the yearbook's 185,900 km²; people by the covered share.
    expect(Math.abs((hubei?.share ?? 0) - expected / 185_900)).toBeLessThan(0.02 * (expected / 185_900));
    expect(Math.abs((hubei?.population ?? NaN) - provincePopulation('420000') * (hubei?.share ?? NaN))).toBeLessThanOrEqual(provincePopulation('420000') * 1e-6);
    expect(hubei).toMatchObject({ level: 'orange', hazardTypes: ['flood'], validFrom: '2026-07-10T00:00:00.000Z', validTo: '2026-07-13T00:00:00.000Z', features: [0] });
    expect(estimate.outsideKm2).toBe(0);
  });

  it('a point with a radius: a circle inside Hubei, and one around Beijing that spills into Hebei', () => {
    const inside = estimateAffected(parseHazardFile(collection(point(114.3, 30.6, 30))), provinces);
    expect(inside.regions.map((r) => r.region)).toEqual(['420000']);
    expect(Math.abs(inside.areaKm2 - circleKm2(30)) / circleKm2(30)).toBeLessThan(0.01);

    // Tiananmen to the Hebei border (Langfang, Zhuozhou) is 40–50 km; Beijing is 16,410 km².
    const beijing = estimateAffected(parseHazardFile(collection(point(116.4053, 39.905, 60, { hazardType: 'typhoon', level: 'red' }))), provinces);
    const regions = new Map(beijing.regions.map((r) => [r.region, r]));
    expect(regions.has('110000')).toBe(true);
    expect(regions.has('130000')).toBe(true);
    expect(Math.abs(beijing.areaKm2 - circleKm2(60)) / circleKm2(60)).toBeLessThan(0.01);
    expect(regions.get('110000')?.areaKm2).toBeGreaterThan(regions.get('130000')?.areaKm2 ?? Infinity);
    expect(regions.get('110000')?.share).toBeLessThan(1);
    expect(regions.get('110000')?.level).toBe('red');
  });

  it('overlapping features count their common area once; a region takes the widest window and the highest level', () => {
    const a = box(113.8, 30, 114.8, 31);
    const b = box(114.3, 30, 115.3, 31, { level: 'red', hazardType: 'rainstorm', validFrom: '2026-07-09T08:00:00+08:00', validTo: '2026-07-11T08:00:00+08:00' });
    const estimate = estimateAffected(parseHazardFile(collection(a, b)), provinces);
    const union = cellKm2(113.8, 30, 115.3, 31);
    expect(Math.abs(estimate.areaKm2 - union) / union).toBeLessThan(0.01);
    const hubei = estimate.regions.find((r) => r.region === '420000');
    expect(hubei).toMatchObject({ level: 'red', hazardTypes: ['flood', 'rainstorm'], validFrom: '2026-07-09T00:00:00.000Z', validTo: '2026-07-13T00:00:00.000Z', features: [0, 1] });
  });

  it('pre-fills a scenario: day 0 at the first warning, each region from its own start for its whole days', () => {
    const file = parseHazardFile(
      collection(box(113.8, 30, 114.8, 31), point(116.4053, 39.905, 20, { validFrom: '2026-07-11T20:00:00+08:00', validTo: '2026-07-12T08:00:00+08:00' })),
    );
    const scenario = hazardScenario(estimateAffected(file, provinces), { share: 0.1 });
    const hubei = estimateAffected(file, provinces).regions.find((r) => r.region === '420000');
    expect(scenario.days).toBe(3);
    expect(scenario.affected).toEqual([
      { region: '110000', population: expect.any(Number), onsetDay: 1, durationDays: 1 },
      { region: '420000', population: Math.round((hubei?.population ?? NaN) * 0.1), onsetDay: 0, durationDays: 3 },
    ]);
    expect(scenario.plans.map((p) => [p.id, p.sourceRegions])).toEqual([
      ['affected-regions', ['110000', '420000']],
      ['all-regions', 'all'],
    ]);
  });
});

describe('hazard import: malformed files are refused naming the feature', () => {
  const refused = (value: unknown) => {
    try {
      parseHazardFile(value);
    } catch (err) {
      return (err as Error).message;
    }
    return 'accepted';
  };

  it('names the feature by index and id, the field and the rule', () => {
    const noLevel = point(114.3, 30.6, 30, { level: 'purple' });
    expect(refused(collection(box(113.8, 30, 114.8, 31), { ...noLevel, id: 'TY-07' }))).toBe('features[1] (id "TY-07").properties.level: must be one of blue, yellow, orange, red');
    const open = box(113.8, 30, 114.8, 31);
    open.geometry.coordinates[0]?.pop();
    expect(refused(collection(open))).toBe('features[0].geometry.coordinates[0]: a ring must end where it starts');
    expect(refused(collection(point(114.3, 30.6, 30, { radiusKm: undefined, name: '武汉暴雨' })))).toBe('features[0] ("武汉暴雨").properties.radiusKm: a point needs the radius of its area in km');
    expect(refused(collection(box(113.8, 30, 114.8, 31, { radiusKm: 5 })))).toBe('features[0].properties.radiusKm: only a point has a radius');
    expect(refused(collection(box(113.8, 30, 114.8, 31, { validTo: '2026-07-10T08:00:00+08:00' })))).toBe('features[0].properties.validTo: must be after validFrom');
    expect(refused(collection(box(113.8, 30, 114.8, 31, { validFrom: '10 July' })))).toMatch(/^features\[0\]\.properties\.validFrom: must be an ISO 8601 date-time with its offset/);
    expect(refused(collection(point(200, 30.6, 30)))).toBe('features[0].geometry.coordinates[0]: longitude must be within -180…180');
    expect(refused(collection({ ...box(1, 1, 2, 2), geometry: { type: 'LineString', coordinates: [] } }))).toBe('features[0].geometry.type: must be a Polygon, MultiPolygon or Point');
  });

  it('refuses what is not a FeatureCollection, or an empty one', () => {
    expect(refused({ type: 'Feature' })).toBe('not a GeoJSON FeatureCollection (needs "type": "FeatureCollection" and a "features" array)');
    expect(refused(collection())).toBe('the FeatureCollection has no features');
  });
});
