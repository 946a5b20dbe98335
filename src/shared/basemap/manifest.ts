import { z } from 'zod';

/**
 * What the host tells the renderer about the basemap it serves (at `basemap/manifest.json`
 * beside the page in the browser host, `inrs-basemap://basemap/manifest.json` in Electron).
 * `demo` is the illustrative map shipped in resources/basemap; `configured` is the file the
 * deployment named with `--basemap` (the agency's standard map).
 */
export const BASEMAP_SCHEME = 'inrs-basemap';
export const BASEMAP_PATH = '/basemap/';
export const BASEMAP_MANIFEST = 'manifest.json';

const fileName = z.string().regex(/^[\w.-]+$/);

export const basemapManifestSchema = z.object({
  kind: z.enum(['demo', 'configured']),
  format: z.enum(['geojson', 'pmtiles']),
  /** [west, south, east, north] to frame on start. */
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  /**
   * GeoJSON basemaps: `provinces` (polygons with `adcode` and `name`) is required; the rest
   * is optional. PMTiles basemaps: `tiles`, vector layers `provinces` (+ optional
   * `prefectures`, `land`) with the same properties.
   */
  files: z.object({
    provinces: fileName.optional(),
    provinceLabels: fileName.optional(),
    prefectures: fileName.optional(),
    prefectureLabels: fileName.optional(),
    land: fileName.optional(),
    tiles: fileName.optional(),
  }),
});
export type BasemapManifest = z.output<typeof basemapManifestSchema>;
export type BasemapFileRole = keyof BasemapManifest['files'];
