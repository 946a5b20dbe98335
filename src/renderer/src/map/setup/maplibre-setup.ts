import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { Protocol } from 'pmtiles';
import 'maplibre-gl/dist/maplibre-gl.css';

let done = false;

/**
 * Once per page: maplibre's worker comes from our own bundle (its default URL is resolved
 * relative to the library file, which a bundle moves), and `pmtiles://` URLs are read with
 * HTTP range requests from the host.
 */
export function setupMaplibre(): typeof maplibregl {
  if (done) return maplibregl;
  done = true;
  maplibregl.setWorkerUrl(new URL(workerUrl, window.location.href).href);
  const protocol = new Protocol();
  maplibregl.addProtocol('pmtiles', protocol.tile);
  return maplibregl;
}
