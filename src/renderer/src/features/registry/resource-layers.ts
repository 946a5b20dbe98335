import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { RegistryOverview } from '../../../../shared/contract/registry-schemas';
import type { MapOverlay } from '../../map/MapView';

/**
 * Civilian reserve resources on the map, in two stages like the map's own layers: positions and
 * colours formatted once per answer, then a cheap layer object. Lots held for the state amber,
 * capability units cyan, services violet: apart from the depots' risk colours.
 */
export type ResourceKind = RegistryOverview['resources'][number]['kind'];
export const RESOURCE_COLOURS: Record<ResourceKind, [number, number, number, number]> = {
  lot: [255, 196, 61, 240],
  unit: [56, 189, 248, 240],
  service: [192, 132, 252, 240],
};

interface ResourceData {
  positions: Float32Array;
  fills: Uint8Array;
  length: number;
}

const cache = new WeakMap<RegistryOverview['resources'], ResourceData>();

function format(resources: RegistryOverview['resources']): ResourceData {
  const hit = cache.get(resources);
  if (hit) return hit;
  const positions = new Float32Array(resources.length * 2);
  const fills = new Uint8Array(resources.length * 4);
  resources.forEach((r, i) => {
    positions.set([r.lon, r.lat], i * 2);
    fills.set(RESOURCE_COLOURS[r.kind], i * 4);
  });
  const data = { positions, fills, length: resources.length };
  cache.set(resources, data);
  return data;
}

/** The available civilian resources as a map overlay; null while there is no answer. */
export function resourceOverlay(resources: RegistryOverview['resources'] | null, key: string): MapOverlay | null {
  if (!resources) return null;
  const data = format(resources);
  return {
    key: `registry-${key}`,
    count: data.length,
    build: (beforeId): Layer[] =>
      data.length === 0
        ? []
        : [
            new ScatterplotLayer({
              loadOptions: { worker: false },
              id: 'registry-resources',
              beforeId,
              data: { length: data.length, attributes: { getPosition: { value: data.positions, size: 2 }, getFillColor: { value: data.fills, size: 4, normalized: true } } },
              radiusUnits: 'pixels',
              getRadius: 9,
              stroked: true,
              lineWidthUnits: 'pixels',
              // A light ring: the dots stay visible on any risk colour of the province under them.
              getLineWidth: 2.5,
              getLineColor: [238, 243, 251, 255],
              parameters: { depthTest: false },
              updateTriggers: { getPosition: key, getFillColor: key },
            }),
          ],
  };
}
