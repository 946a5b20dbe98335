import type { Map as MaplibreMap } from 'maplibre-gl';
import type { BasemapManifest } from '../../../../shared/basemap/manifest';
import { ADCODE } from './province-expressions';

/** Where a basemap keeps its province polygons, for queries by adcode. */
export function provinceSource(manifest: BasemapManifest): { source: string; sourceLayer?: string } {
  return manifest.format === 'pmtiles' ? { source: 'basemap', sourceLayer: 'provinces' } : { source: 'provinces' };
}

type Position = number[];

function extend(box: [number, number, number, number], coords: unknown): void {
  if (typeof (coords as Position)[0] === 'number') {
    const [x, y] = coords as [number, number];
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
    return;
  }
  for (const c of coords as unknown[]) extend(box, c);
}

/** Bounds of a province from the polygons loaded for the current view, or null if none are. */
export function provinceBounds(map: MaplibreMap, manifest: BasemapManifest, adcode: string): [number, number, number, number] | null {
  const { source, sourceLayer } = provinceSource(manifest);
  const features = map.querySourceFeatures(source, { ...(sourceLayer ? { sourceLayer } : {}), filter: ['==', ADCODE, adcode] });
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) {
    if (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon') extend(box, f.geometry.coordinates);
  }
  return Number.isFinite(box[0]) ? box : null;
}
