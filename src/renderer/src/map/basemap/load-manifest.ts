import { basemapManifestSchema, type BasemapManifest } from '../../../../shared/basemap/manifest';
import { manifestUrl } from './basemap-url';

export async function loadManifest(base: string, signal?: AbortSignal): Promise<BasemapManifest> {
  const url = manifestUrl(base);
  const response = await fetch(url, { signal: signal ?? null });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return basemapManifestSchema.parse(await response.json());
}
