import { describe, expect, it, vi } from 'vitest';
import { createLayerDataCache } from '../data/layer-data';
import { fixtureSituation, noFilter } from '../test-fixture';
import { buildLayers, DECK_LAYER_IDS, LAYER_BUILDERS, type LayerOptions } from './build-layers';

const options = (over: Partial<LayerOptions> = {}): LayerOptions => ({
  visible: { provinces: true, depots: true, transfers: true, alerts: true, civilian: true },
  failed: new Set(),
  selectedDepotRow: -1,
  pickable: true,
  beforeId: 'prefecture-label',
  ...over,
});

describe('building deck.gl layers', () => {
  const full = createLayerDataCache().get(fixtureSituation(), noFilter(), 'full');

  it('gives stable ids and the same binary data object on every render', () => {
    const a = buildLayers(full, options(), () => {});
    const b = buildLayers(full, options(), () => {});
    expect(a.map((l) => l.id)).toEqual([DECK_LAYER_IDS.alerts, DECK_LAYER_IDS.transfers, DECK_LAYER_IDS.depots]);
    expect(b.map((l) => l.props.data)).toEqual(a.map((l) => l.props.data));
    a.forEach((layer, i) => expect(b[i]!.props.data).toBe(layer.props.data));
    const depots = a.find((l) => l.id === DECK_LAYER_IDS.depots)!;
    expect(depots.props.data).toMatchObject({ length: 3 });
    expect(depots.props.updateTriggers).toMatchObject({ getFillColor: full.key });
  });

  it('draws province aggregates instead of depots in the aggregated view', () => {
    const agg = createLayerDataCache().get(fixtureSituation(), noFilter(), 'aggregated');
    expect(buildLayers(agg, options(), () => {}).map((l) => l.id)).toContain(DECK_LAYER_IDS.aggregates);
  });

  it('leaves out switched-off and failed layers', () => {
    const ids = buildLayers(full, options({ visible: { provinces: true, depots: false, transfers: true, alerts: true, civilian: true }, failed: new Set(['alerts']) }), () => {}).map((l) => l.id);
    expect(ids).toEqual([DECK_LAYER_IDS.transfers]);
  });

  it('hides a layer whose construction throws, reports it, and still builds the others', () => {
    const onFailure = vi.fn();
    const broken = LAYER_BUILDERS.map((b) => (b.id === DECK_LAYER_IDS.transfers ? { ...b, build: () => { throw new Error('bad arcs'); } } : b));
    const ids = buildLayers(full, options(), onFailure, broken).map((l) => l.id);
    expect(ids).toEqual([DECK_LAYER_IDS.alerts, DECK_LAYER_IDS.depots]);
    expect(onFailure).toHaveBeenCalledWith(DECK_LAYER_IDS.transfers, expect.objectContaining({ message: 'bad arcs' }));
  });
});
