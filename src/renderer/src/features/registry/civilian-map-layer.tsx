import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { useMemo } from 'react';
import type { RegistryOverview } from '../../../../shared/contract/registry-schemas';
import { getInrs } from '../../bridge';
import { useHostQuery } from '../../hooks/useHostQuery';
import { useT } from '../../i18n';
import type { MapOverlay } from '../../map/MapView';
import { RESOURCE_COLOURS, type ResourceKind } from './resource-layers';

/**
 * The civilian layer of the national map: onboarded, available civilian resources by kind. Drawn
 * as rings in the kind's colour around a dark centre, so they read apart from the state depots'
 * solid dots; formatted once per answer (typed arrays), then a cheap layer object per render.
 */
export const CIVILIAN_LAYER_ID = 'civilian-resources';

type Resources = RegistryOverview['resources'];
interface RingData {
  positions: Float32Array;
  lines: Uint8Array;
  length: number;
}

const cache = new WeakMap<Resources, RingData>();

export function formatCivilianRings(resources: Resources): RingData {
  const hit = cache.get(resources);
  if (hit) return hit;
  const positions = new Float32Array(resources.length * 2);
  const lines = new Uint8Array(resources.length * 4);
  resources.forEach((r, i) => {
    positions.set([r.lon, r.lat], i * 2);
    lines.set(RESOURCE_COLOURS[r.kind], i * 4);
  });
  const data = { positions, lines, length: resources.length };
  cache.set(resources, data);
  return data;
}

function CivilianLegend({ resources }: { resources: Resources }) {
  const t = useT();
  const count = (k: ResourceKind) => resources.filter((r) => r.kind === k).length;
  return (
    <section data-testid="legend-civilian">
      <h3>{t('registry.layer.title')}</h3>
      <ul className="map-legend-scale">
        {(['lot', 'unit', 'service'] as const).map((k) => (
          <li key={k} data-kind={k}>
            <span className="map-ring" style={{ borderColor: `rgb(${RESOURCE_COLOURS[k].slice(0, 3).join(', ')})` }} />
            {t(`registry.resource.${k}`)} <small>{count(k)}</small>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function civilianOverlay(resources: Resources, key: string): MapOverlay {
  const data = formatCivilianRings(resources);
  return {
    key: `civilian-${key}`,
    count: data.length,
    legend: <CivilianLegend resources={resources} />,
    build: (beforeId): Layer[] =>
      data.length === 0
        ? []
        : [
            new ScatterplotLayer({
              loadOptions: { worker: false },
              id: CIVILIAN_LAYER_ID,
              beforeId,
              data: { length: data.length, attributes: { getPosition: { value: data.positions, size: 2 }, getLineColor: { value: data.lines, size: 4, normalized: true } } },
              radiusUnits: 'pixels',
              getRadius: 8,
              filled: true,
              getFillColor: [11, 18, 32, 230],
              stroked: true,
              lineWidthUnits: 'pixels',
              getLineWidth: 3.5,
              parameters: { depthTest: false },
              updateTriggers: { getPosition: key, getLineColor: key },
            }),
          ],
  };
}

/** The civilian layer for a map showing data version `dataVersion`; null while hidden or unanswered. */
export function useCivilianOverlay(dataVersion: string | null, visible: boolean): MapOverlay | null {
  const key = visible && dataVersion !== null ? dataVersion : null;
  const { value } = useHostQuery(key, () => getInrs().registry.overview({ region: null }));
  return useMemo(() => (key !== null && value ? civilianOverlay(value.resources, key) : null), [key, value]);
}
