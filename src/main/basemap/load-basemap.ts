import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { basemapManifestSchema, type BasemapManifest } from '../../shared/basemap/manifest';

/** A basemap ready to serve: the manifest the renderer reads and the files it names. */
export interface Basemap {
  manifest: BasemapManifest;
  /** Served file name → absolute path on disk. */
  files: ReadonlyMap<string, string>;
}

export class BasemapError extends Error {
  override name = 'BasemapError';
}

/**
 * The configured basemap (`--basemap FILE`: GeoJSON or PMTiles, the agency's standard map)
 * or, without one, the illustrative demo map shipped in resources/basemap.
 */
export function loadBasemap(options: { file?: string | undefined; resourcesDir: string }): Basemap {
  return options.file ? configuredBasemap(resolve(options.file)) : demoBasemap(join(options.resourcesDir, 'basemap'));
}

function demoBasemap(dir: string): Basemap {
  const manifestFile = join(dir, 'manifest.json');
  let manifest: BasemapManifest;
  try {
    manifest = basemapManifestSchema.parse(JSON.parse(readFileSync(manifestFile, 'utf8')));
  } catch (err) {
    throw new BasemapError(`demo basemap ${manifestFile} is unreadable: ${(err as Error).message}`);
  }
  const files = new Map<string, string>();
  for (const name of Object.values(manifest.files)) {
    if (name) files.set(name, join(dir, name));
  }
  return { manifest, files };
}

function configuredBasemap(file: string): Basemap {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new BasemapError(`basemap ${file} does not exist or cannot be read`);
  }
  const ext = extname(file).toLowerCase();
  if (ext === '.pmtiles') {
    checkPmtiles(file, size);
    return {
      manifest: { kind: 'configured', format: 'pmtiles', files: { tiles: 'configured.pmtiles' } },
      files: new Map([['configured.pmtiles', file]]),
    };
  }
  if (ext === '.geojson' || ext === '.json') {
    checkGeoJson(file);
    return {
      manifest: { kind: 'configured', format: 'geojson', files: { provinces: 'configured.geojson' } },
      files: new Map([['configured.geojson', file]]),
    };
  }
  throw new BasemapError(`basemap ${file}: expected a .geojson, .json or .pmtiles file`);
}

function checkPmtiles(file: string, size: number): void {
  const header = Buffer.alloc(8);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 8, 0);
  } finally {
    closeSync(fd);
  }
  if (size < 127 || header.toString('latin1', 0, 7) !== 'PMTiles') throw new BasemapError(`basemap ${file} is not a PMTiles archive`);
  if (header[7] !== 3) throw new BasemapError(`basemap ${file}: PMTiles version ${header[7]} is not supported (need 3)`);
}

function checkGeoJson(file: string): void {
  let data: { type?: unknown; features?: unknown };
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as typeof data;
  } catch (err) {
    throw new BasemapError(`basemap ${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (data.type !== 'FeatureCollection' || !Array.isArray(data.features) || data.features.length === 0) {
    throw new BasemapError(`basemap ${file}: expected a non-empty GeoJSON FeatureCollection of province polygons`);
  }
  const withCode = (data.features as { properties?: { adcode?: unknown } | null }[]).filter((f) =>
    /^\d{6}$/.test(String(f.properties?.adcode ?? '')),
  );
  if (withCode.length === 0) {
    throw new BasemapError(`basemap ${file}: no feature has an "adcode" property (6-digit GB/T 2260 code)`);
  }
}
