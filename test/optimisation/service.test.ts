import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { ReplicaClient } from '../../src/core/replica/replica-client';
import { seedInto } from '../../src/core/seed/seed-replica';
import { createOptimisationService, type OptimisationService } from '../../src/main/host/optimisation-service';
import type { OptimisationProgress } from '../../src/shared/contract';
import { UNPLANNED_CODES } from '../../src/shared/domain/unplanned-reason';
import { TINY } from '../seed/fixtures';

/**
 * The optimisation wall's host service on a seeded, encrypted tiny replica: readings in the
 * replica worker, solves in the optimisation worker (from sources through tsx).
 */
let dir: string;
let replica: ReplicaClient;
let service: OptimisationService;
const progress: OptimisationProgress[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-optim-'));
  const file = join(dir, 'tiny.db');
  const key = newReplicaKey();
  const seeded = openReplica(file, key, { create: true });
  seedInto(seeded, TINY);
  seeded.close();
  replica = await ReplicaClient.open({ file, key });
  service = createOptimisationService({ replica, commands: () => null, progress: (p) => progress.push(p) });
}, 120_000);

afterAll(async () => {
  await service.dispose();
  await replica.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('optimisation service (tiny replica)', () => {
  it('plans the national rotation calendar: every floor kept, no month after sellBy, names for every depot', async () => {
    const view = await service.rotation({ region: null, months: 12, runId: 'r1' });
    expect(view.months).toHaveLength(12);
    expect(view.months[0]).toBe(view.firstMonth);
    expect(view.rotations.length).toBeGreaterThan(0);
    for (const r of view.rotations) {
      expect(r.month <= r.sellBy).toBe(true);
      expect(view.months).toContain(r.month);
      expect(view.depots.some((d) => d.code === r.depot)).toBe(true);
    }
    for (const f of view.floorByMonth) if (!f.belowFloorAtStart) expect(f.held).toBeGreaterThanOrEqual(f.floor - 1e-6);
    for (const u of view.unplanned) {
      expect(u.reason.length).toBeGreaterThan(10);
      expect(UNPLANNED_CODES).toContain(u.code);
    }
    expect(progress.filter((p) => p.runId === 'r1').map((p) => p.phase)).toEqual(['reading', 'solving', 'done']);
    // Asked again, the plan is made again from the replica as it is now (same replica: same plan).
    const again = await service.rotation({ region: null, months: 12 });
    expect(again).not.toBe(view);
    expect(again.rotations).toEqual(view.rotations);
  }, 120_000);

  it('cost structure: storage every month, the plan’s rotation cost, names not codes', async () => {
    const costs = await service.costs({ region: null });
    const plan = await service.rotation({ region: null, months: 12 });
    expect(costs.months).toEqual(plan.months);
    expect(costs.byMonth.every((m) => m.storage > 0)).toBe(true);
    const rotation = costs.byMonth.reduce((s, m) => s + m.rotation, 0);
    expect(Math.abs(rotation - plan.rotations.filter((r) => r.cost > 0).reduce((s, r) => s + r.cost, 0))).toBeLessThan(costs.months.length + 1);
    expect(costs.byRegion.every((r) => r.nameZh !== r.region && r.nameEn !== r.region)).toBe(true);
    expect(costs.demo).toBe(true);
  }, 120_000);

  it('layout of a province: optimal, at most maxOpen sites, coverage shares within 0…1 and growing with the hours', async () => {
    const view = await service.layout({ region: '430000', maxOpen: null, runId: 'l1' });
    if (view.status !== 'optimal') throw new Error(view.reason);
    expect(view.sites.filter((s) => s.proposed).length).toBeLessThanOrEqual(view.size.maxOpen);
    expect(view.size.maxOpen).toBe(view.sites.filter((s) => s.current).length);
    expect(view.sites.some((s) => !s.current)).toBe(true);
    for (const c of view.coverage) expect(c.before).toBeLessThanOrEqual(1);
    expect(view.coverage.map((c) => c.hours)).toEqual([4, 8, 12]);
    expect(view.coverage[0]!.after).toBeLessThanOrEqual(view.coverage[2]!.after);
    // The proposal optimises fixed cost plus travel: it never costs more than today's layout.
    expect(view.cost.after).toBeLessThanOrEqual(view.cost.before + 1e-6);
    const one = await service.layout({ region: '430000', maxOpen: 1 });
    if (one.status !== 'optimal') throw new Error(one.reason);
    expect(one.sites.filter((s) => s.proposed)).toHaveLength(1);
  }, 120_000);

  it('sizing hint for every class of a province, with its name', async () => {
    const sizing = await service.sizing({ region: '430000' });
    expect(sizing.rows.length).toBeGreaterThan(3);
    expect(sizing.rows.every((r) => r.region === '430000' && r.nameZh === '湖南省' && r.required > 0)).toBe(true);
    for (const r of sizing.rows) {
      expect(r.target).toBe(r.planned > 0 ? r.planned : r.required);
      expect(r.targetSource).toBe(r.planned > 0 ? 'plan' : 'hint');
      expect(r.completion).toBeCloseTo(r.held / r.target, 9);
    }
  });

  it('an offline host refuses to issue with a clear error', async () => {
    await expect(service.issueRotation({ rotations: [{ lot: 'x', depot: 'y', category: 'GR-RICE', quantity: 1, month: '2027-01' }], label: 'x' })).rejects.toThrow(/offline/);
  });
});
