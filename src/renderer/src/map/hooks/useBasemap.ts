import type { Map as MaplibreMap } from 'maplibre-gl';
import { useEffect, useState, type RefObject } from 'react';
import type { BasemapManifest } from '../../../../shared/basemap/manifest';
import { buildBasemapStyle, LABEL_FONT_FAMILY } from '../basemap/basemap-style';
import { basemapBaseUrl } from '../basemap/basemap-url';
import { loadManifest } from '../basemap/load-manifest';
import { exposeTransformForDeck } from '../setup/deck-compat';
import { setupMaplibre } from '../setup/maplibre-setup';

/** Mainland China with Hainan and the coast: the first view. */
export const CHINA_BOUNDS: [number, number, number, number] = [73, 17, 136, 54];

export interface Basemap {
  map: MaplibreMap | null;
  manifest: BasemapManifest | null;
  /** The style and its sources are loaded: paint properties may be set. */
  styleReady: boolean;
}

/**
 * Creates the maplibre map on the host's basemap. Problems (a missing file, a bad tile) are
 * reported through `onProblem`, never as uncaught errors: the map keeps what it could load.
 */
export function useBasemap(container: RefObject<HTMLDivElement | null>, onProblem: (message: string) => void): Basemap {
  const [state, setState] = useState<Basemap>({ map: null, manifest: null, styleReady: false });

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const abort = new AbortController();
    let map: MaplibreMap | null = null;
    const base = basemapBaseUrl();
    loadManifest(base, abort.signal)
      .then((manifest) => {
        if (abort.signal.aborted) return;
        const maplibregl = setupMaplibre();
        map = new maplibregl.Map({
          container: element,
          style: buildBasemapStyle(manifest, base),
          bounds: manifest.bounds ?? CHINA_BOUNDS,
          fitBoundsOptions: { padding: 16 },
          attributionControl: false,
          localIdeographFontFamily: LABEL_FONT_FAMILY,
          dragRotate: false,
          pitchWithRotate: false,
          touchPitch: false,
          maxPitch: 0,
          renderWorldCopies: false,
          minZoom: 2,
          maxZoom: 11,
        });
        exposeTransformForDeck(map);
        map.touchZoomRotate.disableRotation();
        // A listener stops maplibre's own console.error; the problem is shown instead.
        map.on('error', (event) => onProblem(event.error?.message ?? 'unknown basemap error'));
        const created = map;
        created.once('load', () => setState({ map: created, manifest, styleReady: true }));
        setState({ map: created, manifest, styleReady: false });
      })
      .catch((err: unknown) => {
        if (!abort.signal.aborted) onProblem((err as Error).message);
      });
    return () => {
      abort.abort();
      map?.remove();
      setState({ map: null, manifest: null, styleReady: false });
    };
    // onProblem must be stable (the caller passes a ref-backed callback): the map is made once.
  }, [container, onProblem]);

  return state;
}
