import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer } from '@deck.gl/core';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';

export interface OverlayHandlers {
  /** A layer failed while updating or drawing: hide it and say so. */
  onLayerError(layerId: string, error: Error): void;
  /** Every frame deck.gl finished drawing (interleaved: within maplibre's frame). */
  onAfterRender(): void;
}

/**
 * deck.gl interleaved into maplibre's own WebGL context (one canvas, one frame, labels over
 * points). Handlers are read through a ref, so the overlay is created once per map. Hover and
 * click are not taken from deck.gl's own pointer picking (on a live replica its layers are
 * replaced between the pointer event and the pick, and the event was lost): the map canvas
 * picks at the pointer itself.
 */
export function useDeckOverlay(map: MaplibreMap | null, handlers: OverlayHandlers): MapboxOverlay | null {
  const ref = useRef(handlers);
  ref.current = handlers;
  const [overlay, setOverlay] = useState<MapboxOverlay | null>(null);

  useEffect(() => {
    if (!map) return;
    const created = new MapboxOverlay({
      interleaved: true,
      layers: [],
      onAfterRender: () => ref.current.onAfterRender(),
      // Replaces deck.gl's default (console.error): the failing layer is hidden, the map goes on.
      onError: (error, layer) => ref.current.onLayerError(layer?.id ?? 'deck', error),
    });
    map.addControl(created);
    setOverlay(created);
    return () => {
      setOverlay(null);
      try {
        if (map.hasControl(created)) map.removeControl(created);
      } catch {
        // the map was removed first, and took its controls with it
      }
    };
  }, [map]);

  return overlay;
}

export function setOverlayLayers(overlay: MapboxOverlay | null, layers: Layer[]): void {
  overlay?.setProps({ layers });
}
