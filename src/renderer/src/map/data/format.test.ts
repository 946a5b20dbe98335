import { describe, expect, it } from 'vitest';
import { planColour, SEVERITY_WEIGHT } from '../scales/color-scales';
import { fixtureSituation, noFilter } from '../test-fixture';
import { aggregateDepots, aggregateRadius } from './aggregate-depots';
import { formatAlerts } from './format-alerts';
import { DEPOT_MAX_RADIUS, DEPOT_MIN_RADIUS, depotRadius, formatDepots } from './format-depots';
import { formatTransfers, transferWidth } from './format-transfers';
import { filterKey, scopeOf } from './scope';

const all = { provinces: null };

describe('formatting the situation into typed arrays', () => {
  it('writes one row per depot: position, colour by plan completion, radius by fill, source index', () => {
    const s = fixtureSituation();
    const d = formatDepots(s.depots, all);
    expect(d.length).toBe(3);
    expect(d.positions).toBeInstanceOf(Float32Array);
    expect([...d.positions]).toEqual([...new Float32Array([112.9, 28.2, 111.0, 27.0, 116.4, 39.9])]);
    expect([...d.colors.subarray(0, 4)]).toEqual([...planColour(0.3)]);
    expect([...d.colors.subarray(4, 8)]).toEqual([...planColour(1.1)]);
    expect([...d.colors.subarray(0, 4)]).not.toEqual([...d.colors.subarray(4, 8)]);
    expect(d.radii[2]).toBe(DEPOT_MAX_RADIUS);
    expect([...d.source]).toEqual([0, 1, 2]);
  });

  it('keeps only depots of provinces in scope, and remembers where each row came from', () => {
    const s = fixtureSituation();
    const d = formatDepots(s.depots, scopeOf(s, { ...noFilter(), regions: ['110000'] }));
    expect(d.length).toBe(1);
    expect([...d.source]).toEqual([2]);
    expect(d.positions.length).toBe(2);
  });

  it('sizes depots by area between the minimum and maximum radius', () => {
    expect(depotRadius(0)).toBe(DEPOT_MIN_RADIUS);
    expect(depotRadius(-1)).toBe(DEPOT_MIN_RADIUS);
    expect(depotRadius(1.5)).toBe(DEPOT_MAX_RADIUS);
    expect(depotRadius(9)).toBe(DEPOT_MAX_RADIUS);
    expect(depotRadius(0.375)).toBeCloseTo(DEPOT_MIN_RADIUS + (DEPOT_MAX_RADIUS - DEPOT_MIN_RADIUS) * 0.5);
  });

  it("aggregates depots per province at its centroid with count and the province's plan completion", () => {
    const s = fixtureSituation();
    const a = aggregateDepots(s, all);
    expect(a.adcodes).toEqual(['430000', '110000']);
    expect([...a.depots]).toEqual([2, 1]);
    expect(a.planCompletion[0]).toBeCloseTo(0.85);
    expect([...a.positions.subarray(0, 2)]).toEqual([...new Float32Array([111.7, 27.6])]);
    expect(a.radii[0]).toBeCloseTo(aggregateRadius(2), 5);
    expect([...a.colors.subarray(0, 4)]).toEqual([...planColour(0.85)]);
  });

  it('formats transfers as source/target columns with width by quantity', () => {
    const s = fixtureSituation();
    const t = formatTransfers(s, all);
    expect(t.length).toBe(1);
    expect([...t.sources]).toEqual([...new Float32Array([112.9, 28.2])]);
    expect([...t.targets]).toEqual([...new Float32Array([111.0, 27.0])]);
    expect(t.widths[0]).toBeCloseTo(transferWidth(1000));
    expect(formatTransfers(s, scopeOf(s, { ...noFilter(), regions: ['110000'] })).length).toBe(0);
  });

  it('weights alerts by severity', () => {
    const s = fixtureSituation();
    const a = formatAlerts(s, all);
    expect([...a.weights]).toEqual([SEVERITY_WEIGHT.critical, SEVERITY_WEIGHT.info]);
    expect(formatAlerts(s, scopeOf(s, { ...noFilter(), riskBands: ['low'] })).length).toBe(1);
  });

  it('keys a filter by its selection, not the order of its arrays', () => {
    const a = filterKey({ classes: ['grain', 'oil'], categories: [], regions: ['430000', '110000'], riskBands: [] });
    const b = filterKey({ classes: ['oil', 'grain'], categories: [], regions: ['110000', '430000'], riskBands: [] });
    expect(a).toBe(b);
    expect(filterKey(noFilter())).not.toBe(a);
  });

  it('puts a province in scope when it matches both the regions and the risk bands', () => {
    const s = fixtureSituation();
    expect(scopeOf(s, noFilter()).provinces).toBeNull();
    expect([...scopeOf(s, { ...noFilter(), riskBands: ['high'] }).provinces!]).toEqual(['430000']);
    expect([...scopeOf(s, { ...noFilter(), regions: ['110000'], riskBands: ['high'] }).provinces!]).toEqual([]);
  });
});
