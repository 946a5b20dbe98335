import { loadProvinceShapes } from '../briefing/pdf/basemap';
import { PROVINCE_POPULATION_2020_MILLIONS } from '../../shared/domain/population';
import { ringsShape, shapeAreaKm2, type Shape } from './geometry';

/**
 * The provinces a hazard can fall on: the polygons the map draws (the shipped illustrative
 * basemap or the configured GeoJSON one, read as the briefing's printed map reads them), kept
 * for the 31 provinces that have census population (and depots).
 */
export interface ProvinceArea {
  adcode: string;
  shape: Shape;
  /** Sampled area in km², worked out on first use. */
  areaKm2(): number;
}

export function loadProvinceAreas(file?: string): ProvinceArea[] {
  return loadProvinceShapes(file)
    .shapes.filter((s) => PROVINCE_POPULATION_2020_MILLIONS[s.adcode] !== undefined)
    .map((s) => {
      const shape = ringsShape(s.rings);
      let area: number | null = null;
      return { adcode: s.adcode, shape, areaKm2: () => (area ??= shapeAreaKm2(shape)) };
    });
}
