import { describe, expect, it } from 'vitest';
import { fixtureSituation, noFilter } from '../test-fixture';
import { createLayerDataCache } from './layer-data';

describe('layer data cache', () => {
  it('formats once per data version, filter and mode', () => {
    const cache = createLayerDataCache();
    const first = cache.get(fixtureSituation('v1'), noFilter(), 'full');
    // A new situation object with the same version and an equal filter: the same arrays.
    expect(cache.get(fixtureSituation('v1'), { ...noFilter() }, 'full')).toBe(first);
    expect(first.depots?.length).toBe(3);
    expect(first.aggregates).toBeNull();
    const next = cache.get(fixtureSituation('v2'), noFilter(), 'full');
    expect(next).not.toBe(first);
    expect(next.key).not.toBe(first.key);
  });

  it('gives the aggregated view province rows instead of depot rows', () => {
    const data = createLayerDataCache().get(fixtureSituation(), noFilter(), 'aggregated');
    expect(data.depots).toBeNull();
    expect(data.aggregates?.length).toBe(2);
  });

  it('forgets the oldest entries past its capacity', () => {
    const cache = createLayerDataCache(2);
    const v1 = cache.get(fixtureSituation('v1'), noFilter(), 'full');
    cache.get(fixtureSituation('v2'), noFilter(), 'full');
    cache.get(fixtureSituation('v3'), noFilter(), 'full');
    expect(cache.size).toBe(2);
    expect(cache.get(fixtureSituation('v1'), noFilter(), 'full')).not.toBe(v1);
  });
});
