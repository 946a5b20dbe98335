import { lazy, Suspense, type ReactNode } from 'react';
import type { Layer } from '@deck.gl/core';
import type { Situation, SituationFilter } from '../../../shared/contract/situation-schemas';
import { MapErrorBoundary } from './ui/MapErrorBoundary';

/**
 * Layers a feature draws over the map (the optimisation wall's sites): built cheaply on each
 * render from data the feature formats and caches; `key` changes whenever that data does.
 */
export interface MapOverlay {
  key: string;
  /** Objects drawn, shown to tests and support as the map's data-overlay-count. */
  count: number;
  build(beforeId: string): Layer[];
  /** The overlay's key in the map legend (a section, in the layers' colours). */
  legend?: ReactNode;
}

export interface MapViewProps {
  situation: Situation;
  filter: SituationFilter;
  /** Province adcode to frame and outline. */
  focusRegion?: string;
  /** An area to frame instead, [west, south, east, north] (a hazard's warned areas); framed again when it changes. */
  focusBounds?: readonly [number, number, number, number];
  onSelectProvince(adcode: string): void;
  onSelectDepot(code: string): void;
  /** How long the map took to draw new layers: from handing them over to the first frame after they were drawn (ms). */
  onDrawn?(ms: number): void;
  overlay?: MapOverlay;
}

// maplibre and deck.gl are most of the bundle: loaded when a map is first shown.
const MapCanvas = lazy(() => import('./MapCanvas'));

/** The national risk map. A failure inside it is contained: the rest of the page keeps running. */
export function MapView(props: MapViewProps) {
  return (
    <MapErrorBoundary>
      <Suspense fallback={<div className="map-view" data-testid="map" data-map-ready="false" />}>
        <MapCanvas {...props} />
      </Suspense>
    </MapErrorBoundary>
  );
}
