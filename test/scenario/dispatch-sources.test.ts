import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { ReplicaClient } from '../../src/core/replica/replica-client';
import { seedInto } from '../../src/core/seed/seed-replica';
import { createDispatchService, type DispatchService } from '../../src/main/host/dispatch-service';
import { TINY } from '../seed/fixtures';

/**
 * A simulated plan turned into a dispatch recommendation draws only on its source provinces: on a
 * seeded encrypted tiny replica, a scenario larger than Hunan's own stock is supplied from other
 * provinces when nothing limits the sources, and only from Hunan when the plan says so.
 */
let dir: string;
let replica: ReplicaClient;
let service: DispatchService;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-dispatch-sources-'));
  const file = join(dir, 'tiny.db');
  const key = newReplicaKey();
  const seeded = openReplica(file, key, { create: true });
  seedInto(seeded, TINY);
  seeded.close();
  replica = await ReplicaClient.open({ file, key });
  service = createDispatchService({ replica, commands: () => null });
}, 120_000);

afterAll(async () => {
  await service.dispose();
  await replica.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('dispatch recommendation from a simulated plan', () => {
  it('sends only from the plan’s source provinces', async () => {
    const scenario = { regions: ['430000'], population: { '430000': 3_000_000 }, durationDays: 7, coldSeason: false };
    const open = await service.recommend({ scenario });
    expect(new Set(open.plan.flows.map((f) => f.fromRegion)).size).toBeGreaterThan(1);
    const own = await service.recommend({ scenario: { ...scenario, sourceRegions: ['430000'] } });
    expect(own.plan.flows.length).toBeGreaterThan(0);
    expect(new Set(own.plan.flows.map((f) => f.fromRegion))).toEqual(new Set(['430000']));
    expect(own.scenario.sourceRegions).toEqual(['430000']);
  }, 120_000);
});
