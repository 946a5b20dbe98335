import { describe, expect, it } from 'vitest';
import type { DispatchArc } from '../../dispatch/plan-edits';
import { buildDispatchLayers, DISPATCH_LAYER_IDS, formatDispatchArcs } from './dispatch-layers';

const arc = (from: string, quantity: number, fromLon: number): DispatchArc => ({
  from,
  to: '430000',
  fromLon,
  fromLat: 28,
  toLon: 111.78,
  toLat: 28.09,
  quantity,
  unit: '吨',
  unitEn: 't',
});

describe('dispatch arcs on the map', () => {
  const arcs = [arc('A', 400, 104), arc('B', 100, 113), arc('C', 0.0, 112)];

  it('formats positions, widths by quantity and labels in the UI language', () => {
    const d = formatDispatchArcs(arcs, 'zh-CN');
    expect(d.length).toBe(3);
    expect([...d.sources]).toEqual([104, 28, 113, 28, 112, 28]);
    expect([...d.targets.slice(0, 2)].map((x) => Math.round(x * 100) / 100)).toEqual([111.78, 28.09]);
    expect(d.midpoints[0]).toBeCloseTo((104 + 111.78) / 2, 4);
    // sqrt scale between 2 and 12 px: the largest is 12, a quarter of it 2 + 10 × 0.5 = 7.
    expect([...d.widths]).toEqual([12, 7, 2]);
    expect(d.labels).toEqual(['400 吨', '100 吨', '0 吨']);
    expect(formatDispatchArcs([arc('A', 12345, 104)], 'en').labels).toEqual(['12,345 t']);
  });

  it('gives the same data object for the same arcs and language, a new key otherwise', () => {
    const a = formatDispatchArcs(arcs, 'zh-CN');
    expect(formatDispatchArcs(arcs, 'zh-CN')).toBe(a);
    const en = formatDispatchArcs(arcs, 'en');
    expect(en).not.toBe(a);
    expect(en.key).not.toBe(a.key);
    expect(formatDispatchArcs([...arcs], 'zh-CN').key).not.toBe(a.key);
  });

  it('builds an arc layer and its label layer with stable ids and unchanged data between renders', () => {
    const d = formatDispatchArcs(arcs, 'zh-CN');
    const first = buildDispatchLayers(d, 'labels');
    const again = buildDispatchLayers(d, 'labels');
    expect(first.map((l) => l.id)).toEqual([DISPATCH_LAYER_IDS.arcs, DISPATCH_LAYER_IDS.labels]);
    first.forEach((l, i) => expect(again[i]!.props.data).toBe(l.props.data));
    expect(first[0]!.props.data).toMatchObject({ length: 3 });
    expect(first[0]!.props.updateTriggers).toMatchObject({ getWidth: d.key });
  });

  it('draws nothing for a plan without arcs', () => {
    expect(buildDispatchLayers(formatDispatchArcs([], 'zh-CN'))).toEqual([]);
  });
});
