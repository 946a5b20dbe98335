import type { PickingInfo } from '@deck.gl/core';
import type { MapMouseEvent } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { STYLE_IDS } from './basemap/basemap-style';
import { ADCODE, choroplethColor, provinceLabel } from './basemap/province-expressions';
import { provinceBounds } from './basemap/province-source';
import { createLayerDataCache } from './data/layer-data';
import { useBasemap } from './hooks/useBasemap';
import { setOverlayLayers, useDeckOverlay } from './hooks/useDeckOverlay';
import { useHeatmapAfterFirstDraw } from './hooks/useHeatmapAfterFirstDraw';
import { useMapText } from './i18n/useMapText';
import { buildLayers, DECK_LAYER_IDS } from './layers/build-layers';
import { buildDispatchLayers, DISPATCH_LAYER_IDS, formatDispatchArcs } from './layers/dispatch-layers';
import { dispatchSelectors, useDispatchStore } from '../dispatch/dispatch-store';
import type { MapViewProps } from './MapView';
import { chooseRenderMode, probeRenderer } from './render-mode/render-mode';
import { NO_DATA_COLOR, toCss } from './scales/color-scales';
import { mapLayersSelectors, useMapLayersStore } from './state/map-layers-store';
import type { Hover } from './ui/hover';
import { Legend } from './ui/Legend';
import { LayerSwitcher } from './ui/LayerSwitcher';
import { MapNotices } from './ui/MapNotices';
import { MapTooltip } from './ui/MapTooltip';
import './map.css';

const DEPOT_LAYERS = new Set<string>([DECK_LAYER_IDS.depots]);

/** The national risk map: maplibre basemap with the choropleth and labels, deck.gl layers interleaved. */
export default function MapCanvas({ situation, filter, focusRegion, focusBounds, onSelectProvince, onSelectDepot, onDrawn, overlay: featureOverlay }: MapViewProps) {
  const { locale, t } = useMapText();
  const containerRef = useRef<HTMLDivElement>(null);
  const [render] = useState(() => chooseRenderMode(window.location.search, probeRenderer()));
  const [basemapProblem, setBasemapProblem] = useState<string | null>(null);
  const onProblem = useCallback((message: string) => {
    console.warn(`map: basemap problem: ${message}`);
    setBasemapProblem(message);
  }, []);
  const { map, manifest, styleReady } = useBasemap(containerRef, onProblem);

  const cache = useMemo(() => createLayerDataCache(), []);
  const data = cache.get(situation, filter, render.mode);
  const visible = useMapLayersStore(mapLayersSelectors.visible);
  // The open dispatch plan's arcs, shown only while a plan is open.
  const dispatchArcs = useDispatchStore(dispatchSelectors.mapArcs);
  const dispatchData = useMemo(() => (dispatchArcs ? formatDispatchArcs(dispatchArcs, locale) : null), [dispatchArcs, locale]);
  const [failed, setFailed] = useState<ReadonlySet<string>>(new Set());
  const [hover, setHover] = useState<Hover | null>(null);
  const [selectedDepot, setSelectedDepot] = useState<string | null>(null);
  // The outlined province is the filter's (whoever set it), or the wall's own region.
  const selectedProvince = filter.regions.length === 1 ? filter.regions[0]! : (focusRegion ?? null);
  const [ready, setReady] = useState(false);
  const [moving, setMoving] = useState(false);
  const [labels, setLabels] = useState('');
  const [view, setView] = useState({ center: '', zoom: '' });
  const [dispatchArcCount, setDispatchArcs] = useState(0);
  const [overlayCount, setOverlayCount] = useState(0);
  const heat = useHeatmapAfterFirstDraw(visible.alerts && data.alerts.length > 0);
  const onLayersDrawn = heat.onLayersDrawn;

  // A new data version or filter gives failed layers another chance.
  useEffect(() => setFailed(new Set()), [data.key]);

  const latest = useRef({ data, situation, filter, onSelectDepot, onSelectProvince, onDrawn });
  latest.current = { data, situation, filter, onSelectDepot, onSelectProvince, onDrawn };
  const frame = useRef({ layersKey: '', deckRenderedKey: '', expectDeck: false, handedAt: 0 });

  const zoomToProvince = useCallback(
    (adcode: string) => {
      if (!map || !manifest) return;
      const bounds = provinceBounds(map, manifest, adcode);
      if (bounds) {
        map.fitBounds(bounds, { padding: 48, maxZoom: 8, duration: 600 });
        return;
      }
      const p = latest.current.situation.provinces.find((x) => x.adcode === adcode);
      if (p) map.easeTo({ center: p.centroid, zoom: 6, duration: 600 });
    },
    [map, manifest],
  );

  const provinceAt = useCallback(
    (x: number, y: number) => {
      if (!map || !map.getLayer(STYLE_IDS.provinceFill)) return null;
      const feature = map.queryRenderedFeatures([x, y], { layers: [STYLE_IDS.provinceFill] })[0];
      if (!feature) return null;
      const props = feature.properties as { adcode?: unknown; name?: unknown };
      return { adcode: String(props.adcode ?? ''), name: String(props.name ?? '') };
    },
    [map],
  );

  /** What lies under a container point: a deck.gl object (depot, aggregate circle) over the province polygon. */
  const pickedAt = useCallback(
    (x: number, y: number, info: PickingInfo | null): Hover | null => {
      const { data } = latest.current;
      const layerId = info?.layer?.id;
      if (info?.picked && info.index >= 0 && layerId && DEPOT_LAYERS.has(layerId) && data.depots) {
        const index = data.depots.source[info.index];
        if (index !== undefined) return { kind: 'depot', x, y, index };
      }
      if (info?.picked && info.index >= 0 && layerId === DECK_LAYER_IDS.aggregates && data.aggregates) {
        const agg = data.aggregates;
        const adcode = agg.adcodes[info.index];
        if (adcode) return { kind: 'aggregate', x, y, adcode, depots: agg.depots[info.index]!, planCompletion: Number.isNaN(agg.planCompletion[info.index]!) ? null : agg.planCompletion[info.index]! };
      }
      const province = provinceAt(x, y);
      return province ? { kind: 'province', x, y, ...province } : null;
    },
    [provinceAt],
  );

  const overlay = useDeckOverlay(map, {
    onLayerError: (layerId, error) => {
      setFailed((prev) => {
        if (prev.has(layerId)) return prev;
        console.warn(`map: layer ${layerId} failed and is hidden: ${error.message}`);
        return new Set([...prev, layerId]);
      });
    },
    onAfterRender: () => {
      frame.current.deckRenderedKey = frame.current.layersKey;
    },
  });

  // Hover and click pick synchronously at the pointer, whatever deck.gl drew in between.
  useEffect(() => {
    if (!map || !overlay) return;
    const pickAt = (x: number, y: number): Hover | null => {
      let info: PickingInfo | null = null;
      try {
        info = overlay.pickObject({ x, y, radius: 4 });
      } catch (error) {
        console.warn(`map: picking failed, the province under the pointer is used: ${(error as Error).message}`);
      }
      return pickedAt(x, y, info);
    };
    // One pick per frame however fast the pointer moves.
    let pending: { x: number; y: number } | null = null;
    let frameId = 0;
    const onMove = (event: MapMouseEvent) => {
      pending = { x: event.point.x, y: event.point.y };
      if (frameId) return;
      frameId = requestAnimationFrame(() => {
        frameId = 0;
        if (pending) setHover(pickAt(pending.x, pending.y));
      });
    };
    const onClick = (event: MapMouseEvent) => {
      const picked = pickAt(event.point.x, event.point.y);
      if (!picked) return;
      if (picked.kind === 'depot') {
        const depot = latest.current.situation.depots[picked.index];
        if (!depot) return;
        setSelectedDepot(depot.code);
        latest.current.onSelectDepot(depot.code);
        return;
      }
      // A second click on the picked province clears the filter and leaves the camera where it is.
      const clearing = latest.current.filter.regions.length === 1 && latest.current.filter.regions[0] === picked.adcode;
      latest.current.onSelectProvince(picked.adcode);
      if (!clearing) zoomToProvince(picked.adcode);
    };
    map.on('mousemove', onMove);
    map.on('click', onClick);
    return () => {
      cancelAnimationFrame(frameId);
      map.off('mousemove', onMove);
      map.off('click', onClick);
    };
  }, [map, overlay, pickedAt, zoomToProvince]);

  // Basemap paint follows the data, the filter and the language.
  useEffect(() => {
    if (!map || !styleReady) return;
    const fill = visible.provinces ? choroplethColor(situation.provinces, data.scope) : toCss(NO_DATA_COLOR);
    map.setPaintProperty(STYLE_IDS.provinceFill, 'fill-color', fill);
  }, [map, styleReady, situation.provinces, data.scope, visible.provinces]);

  useEffect(() => {
    if (!map || !styleReady) return;
    map.setLayoutProperty(STYLE_IDS.provinceLabel, 'text-field', provinceLabel(situation.provinces, locale));
  }, [map, styleReady, situation.provinces, locale]);

  useEffect(() => {
    if (!map || !styleReady) return;
    map.setFilter(STYLE_IDS.provinceSelected, ['==', ADCODE, selectedProvince ?? '']);
  }, [map, styleReady, selectedProvince]);

  useEffect(() => {
    if (!focusRegion || !styleReady) return;
    zoomToProvince(focusRegion);
  }, [focusRegion, styleReady, zoomToProvince]);

  const boundsKey = focusBounds?.join(',') ?? '';
  useEffect(() => {
    if (!map || !styleReady || !boundsKey) return;
    const [w, s, e, n] = boundsKey.split(',').map(Number) as [number, number, number, number];
    map.fitBounds([w, s, e, n], { padding: 48, maxZoom: 7, duration: 0 });
  }, [map, styleReady, boundsKey]);

  // Stage two: cheap layer objects every time an input changes.
  const selectedDepotRow = useMemo(() => {
    if (!selectedDepot || !data.depots) return -1;
    const index = situation.depots.findIndex((d) => d.code === selectedDepot);
    return index < 0 ? -1 : data.depots.source.indexOf(index);
  }, [selectedDepot, data.depots, situation.depots]);

  useEffect(() => {
    if (!overlay || !styleReady) return;
    const shown = heat.hold ? { ...visible, alerts: false } : visible;
    const options = { visible: shown, failed, selectedDepotRow, pickable: !moving, beforeId: STYLE_IDS.firstLabel };
    const layers = buildLayers(data, options, (id, error) => {
      console.warn(`map: layer ${id} could not be built and is hidden: ${(error as Error).message}`);
      setFailed((prev) => new Set([...prev, id]));
    });
    if (dispatchData && !failed.has(DISPATCH_LAYER_IDS.arcs)) {
      try {
        layers.push(...buildDispatchLayers(dispatchData, STYLE_IDS.firstLabel));
      } catch (error) {
        console.warn(`map: layer ${DISPATCH_LAYER_IDS.arcs} could not be built and is hidden: ${(error as Error).message}`);
        setFailed((prev) => new Set([...prev, DISPATCH_LAYER_IDS.arcs]));
      }
    }
    const dispatchKey = dispatchData && layers.some((l) => l.id === DISPATCH_LAYER_IDS.arcs) ? dispatchData.key : '';
    setDispatchArcs(dispatchKey ? (dispatchData?.length ?? 0) : 0);
    // A feature's layers: one that fails to build is hidden and reported like any other.
    let overlayKey = '';
    if (featureOverlay && !failed.has(`overlay:${featureOverlay.key}`)) {
      try {
        layers.push(...featureOverlay.build(STYLE_IDS.firstLabel));
        overlayKey = featureOverlay.key;
      } catch (error) {
        console.warn(`map: overlay ${featureOverlay.key} could not be built and is hidden: ${(error as Error).message}`);
        setFailed((prev) => new Set([...prev, `overlay:${featureOverlay.key}`]));
      }
    }
    setOverlayCount(overlayKey ? (featureOverlay?.count ?? 0) : 0);
    frame.current = {
      layersKey: `${data.key}|${dispatchKey}|${overlayKey}|${layers.map((l) => l.id).join(',')}|${selectedDepotRow}`,
      deckRenderedKey: '',
      expectDeck: layers.length > 0,
      handedAt: performance.now(),
    };
    setReady(false);
    setOverlayLayers(overlay, layers);
    map?.triggerRepaint();
  }, [overlay, map, styleReady, data, dispatchData, featureOverlay, visible, heat.hold, failed, selectedDepotRow, moving]);

  // Readiness: the basemap is idle and deck.gl has drawn the current layers.
  useEffect(() => {
    if (!map || !styleReady) return;
    const onIdle = () => {
      const f = frame.current;
      if (f.expectDeck && f.deckRenderedKey !== f.layersKey) {
        map.triggerRepaint();
        return;
      }
      if (f.handedAt > 0) {
        // Idle means the commands are issued; on software WebGL the raster happens at the next
        // paint, so the draw is over when a frame after it begins.
        const handedAt = f.handedAt;
        f.handedAt = 0;
        requestAnimationFrame(() => requestAnimationFrame(() => latest.current.onDrawn?.(performance.now() - handedAt)));
      }
      if (f.expectDeck) onLayersDrawn();
      setReady(true);
      const names = new Set(map.queryRenderedFeatures({ layers: [STYLE_IDS.provinceLabel] }).map((f) => String(f.properties.name ?? '')));
      setLabels([...names].filter(Boolean).sort().join(','));
      const c = map.getCenter();
      setView({ center: `${c.lng.toFixed(5)},${c.lat.toFixed(5)}`, zoom: map.getZoom().toFixed(4) });
    };
    // A moving camera is not ready, and a tooltip left from before the move would point at nothing.
    const onMoveStart = () => {
      setReady(false);
      setHover(null);
      setMoving(true);
    };
    const onMoveEnd = () => setMoving(false);
    map.on('idle', onIdle);
    map.on('movestart', onMoveStart);
    map.on('moveend', onMoveEnd);
    return () => {
      map.off('idle', onIdle);
      map.off('movestart', onMoveStart);
      map.off('moveend', onMoveEnd);
    };
  }, [map, styleReady, onLayersDrawn]);

  return (
    <div
      className="map-view"
      data-testid="map"
      aria-label={t('region')}
      data-map-ready={ready && styleReady && !heat.hold ? 'true' : 'false'}
      data-map-first-drawn={heat.firstDrawn ? 'true' : 'false'}
      data-render-mode={render.mode}
      data-basemap={manifest?.kind ?? ''}
      data-selected-depot={selectedDepot ?? ''}
      data-selected-province={selectedProvince ?? ''}
      data-rendered-labels={labels}
      data-center={view.center}
      data-zoom={view.zoom}
      data-dispatch-arcs={dispatchArcCount}
      data-overlay-count={overlayCount}
      onMouseLeave={() => setHover(null)}
    >
      <div ref={containerRef} className="map-canvas" />
      <MapNotices t={t} demoBasemap={manifest?.kind === 'demo'} render={render} failedLayers={[...failed]} basemapProblem={basemapProblem} />
      <LayerSwitcher t={t} />
      <Legend t={t} visible={visible} extra={featureOverlay?.legend} />
      <MapTooltip hover={hover} situation={situation} locale={locale} t={t} />
    </div>
  );
}
