import { describe, expect, it } from 'vitest';
import { PROVINCES, shortProvinceName } from '../../src/shared/domain/provinces';

describe('short province names', () => {
  it('drops the administrative suffix and the autonomous regions keep their common short name', () => {
    expect(shortProvinceName('湖南省')).toBe('湖南');
    expect(shortProvinceName('北京市')).toBe('北京');
    expect(shortProvinceName('宁夏回族自治区')).toBe('宁夏');
    expect(shortProvinceName('内蒙古自治区')).toBe('内蒙古');
  });

  it('gives every province a distinct name of at most three characters', () => {
    const short = PROVINCES.map((p) => shortProvinceName(p.nameZh));
    expect(new Set(short).size).toBe(PROVINCES.length);
    for (const name of short) expect([...name].length, name).toBeLessThanOrEqual(3);
  });
});
