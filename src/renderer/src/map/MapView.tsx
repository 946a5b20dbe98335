import { lazy, Suspense } from 'react';
import type { Situation, SituationFilter } from '../../../shared/contract/situation-schemas';
import { MapErrorBoundary } from './ui/MapErrorBoundary';

export interface MapViewProps {
  situation: Situation;
  filter: SituationFilter;
  /** Province adcode to frame and outline. */
  focusRegion?: string;
  onSelectProvince(adcode: string): void;
  onSelectDepot(code: string): void;
  /** How long the map took to draw new layers, from handing them over to idle (milliseconds). */
  onDrawn?(ms: number): void;
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
