import type { Map as MaplibreMap } from 'maplibre-gl';

/**
 * @deck.gl/mapbox 9.4 reads `map.transform` (viewport height, elevation); maplibre 6 keeps the
 * transform on its camera. Exposing it read-only is the whole difference for interleaving.
 */
export function exposeTransformForDeck(map: MaplibreMap): void {
  if ('transform' in map) return;
  Object.defineProperty(map, 'transform', { get: () => map._camera.transform, configurable: true });
}
