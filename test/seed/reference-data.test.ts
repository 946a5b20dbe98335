import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CATEGORIES, loadPrefectures } from '../../src/core/seed';
import { CATEGORY_CLASSES, categoryDefinedSchema } from '../../src/shared/domain/events';
import { PROVINCES } from '../../src/shared/domain/provinces';

describe('categories', () => {
  it('are valid, uniquely coded and cover every class', () => {
    for (const c of CATEGORIES) expect(categoryDefinedSchema.parse(c)).toEqual(c);
    expect(new Set(CATEGORIES.map((c) => c.code)).size).toBe(CATEGORIES.length);
    expect(new Set(CATEGORIES.map((c) => c.class))).toEqual(new Set(CATEGORY_CLASSES));
    for (const c of CATEGORIES) {
      expect(c.safetyFloorShare).toBeGreaterThanOrEqual(0.2);
      expect(c.safetyFloorShare).toBeLessThanOrEqual(0.4);
    }
  });
});

describe('prefectures', () => {
  const saved = process.env.INRS_RESOURCES_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.INRS_RESOURCES_DIR;
    else process.env.INRS_RESOURCES_DIR = saved;
  });

  it('cover all 31 provinces from the project resources', () => {
    delete process.env.INRS_RESOURCES_DIR;
    const prefectures = loadPrefectures();
    const provinces = new Set(prefectures.map((p) => p.province));
    expect(provinces).toEqual(new Set(PROVINCES.map((p) => p.adcode)));
    expect(prefectures.map((p) => p.adcode)).toEqual([...prefectures.map((p) => p.adcode)].sort());
    for (const p of prefectures) expect(p.province).toBe(`${p.adcode.slice(0, 2)}0000`);
  });

  it('honours INRS_RESOURCES_DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inrs-res-'));
    try {
      mkdirSync(join(dir, 'geo'));
      const row = { adcode: '430100', province: '430000', nameZh: '长沙', lon: 113, lat: 28.2 };
      writeFileSync(join(dir, 'geo', 'prefectures.json'), JSON.stringify([row]));
      process.env.INRS_RESOURCES_DIR = dir;
      expect(loadPrefectures()).toEqual([row]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
