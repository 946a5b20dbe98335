import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPACITY_SLACK, DEMO_FIXED_COST, layoutProblemFromReplica, solveLayout } from '../../src/core/layout';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import { seedInto } from '../../src/core/seed/seed-replica';
import { loadPrefectures } from '../../src/core/seed';
import { provincePopulation } from '../../src/shared/domain/population';
import { TINY } from '../seed/fixtures';

let dir: string;
let replica: Replica;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-layout-replica-'));
  const file = join(dir, 'tiny.db');
  const key = newReplicaKey();
  const seeded = openReplica(file, key, { create: true });
  seedInto(seeded, TINY);
  seeded.close();
  replica = openReplica(file, key, { readonly: true });
});

afterAll(() => {
  replica?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a layout problem generated from a seeded replica', () => {
  it('takes the depots as candidates and the prefecture cities, weighted by population and risk, as demand', async () => {
    const p = layoutProblemFromReplica(replica.db, { region: '430000' });
    const depots = replica.db.prepare(`SELECT code FROM depots WHERE region = '430000' ORDER BY code`).all() as { code: string }[];
    expect(p.candidates.map((c) => c.id)).toEqual(depots.map((d) => d.code));
    expect(p.candidates.every((c) => c.fixedCost === DEMO_FIXED_COST)).toBe(true);
    expect(p.maxOpen).toBe(Math.ceil(depots.length / 2));
    const cities = loadPrefectures().filter((c) => c.province === '430000');
    expect(p.demands.map((d) => d.id)).toEqual(cities.map((c) => c.adcode));
    // Hunan's 2020 population shared by its cities, in 10,000s, times a risk weight within 1…2
    const base = provincePopulation('430000') / cities.length / 10_000;
    for (const d of p.demands) {
      expect(d.demand).toBeGreaterThanOrEqual(base - 1e-3);
      expect(d.demand).toBeLessThanOrEqual(2 * base + 1e-3);
    }
    const total = p.demands.reduce((s, d) => s + d.demand, 0);
    expect(p.candidates.reduce((s, c) => s + c.capacity, 0)).toBeCloseTo(total * CAPACITY_SLACK, 0);

    // With every site allowed open, capacity is 1.5 × demand: always feasible.
    const r = await solveLayout({ ...p, maxOpen: p.candidates.length });
    expect(r.status).toBe('optimal');
    if (r.status !== 'optimal') return;
    expect(r.open.length).toBeGreaterThan(0);
    for (const d of p.demands) expect(r.flows.filter((f) => f.to === d.id).reduce((s, f) => s + f.quantity, 0)).toBeCloseTo(d.demand, 6);
  });
});
