import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { exportFromHost } from '../../src/core/briefing/host-export';
import { estimateAffected, hazardScenario, loadProvinceAreas, parseHazardFile } from '../../src/core/hazard';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { ReplicaClient } from '../../src/core/replica/replica-client';
import { seedInto } from '../../src/core/seed/seed-replica';
import { simulate, simulationSupplyFromReplica } from '../../src/core/simulate';
import { loadNorms } from '../../src/core/dispatch/norms';
import { loadCostModel } from '../../src/core/costs/cost-model';
import { createScenarioService, type ScenarioService } from '../../src/main/host/scenario-service';
import { createAppHandlers } from '../../src/main/host/app-host';
import { HostError, type ScenarioProgress } from '../../src/shared/contract';
import { poppler } from '../briefing/support';
import { TINY } from '../seed/fixtures';

/**
 * Hazard import and scenario runs on the host, on a seeded encrypted tiny replica: the estimate
 * from the simulation worker equals core's, a malformed file is refused by name and changes
 * nothing, a run equals core's simulation with its progress, a cancel ends it, and the briefing
 * made after a run prints its plan comparison.
 */
let dir: string;
let file: string;
let key: Buffer;
let replica: ReplicaClient;
let service: ScenarioService;
const progress: ScenarioProgress[] = [];

const hazard = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      id: 'FL-1',
      geometry: { type: 'Polygon', coordinates: [[[111.5, 27.5], [113.5, 27.5], [113.5, 29.5], [111.5, 29.5], [111.5, 27.5]]] },
      properties: { hazardType: 'flood', level: 'orange', validFrom: '2026-07-10T08:00:00+08:00', validTo: '2026-07-13T08:00:00+08:00' },
    },
    {
      type: 'Feature',
      id: 'TY-1',
      geometry: { type: 'Point', coordinates: [114.3, 30.6] },
      properties: { hazardType: 'typhoon', level: 'red', radiusKm: 40, validFrom: '2026-07-11T08:00:00+08:00', validTo: '2026-07-12T08:00:00+08:00' },
    },
  ],
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-scenario-'));
  file = join(dir, 'tiny.db');
  key = newReplicaKey();
  const seeded = openReplica(file, key, { create: true });
  seedInto(seeded, TINY);
  seeded.close();
  replica = await ReplicaClient.open({ file, key });
  service = createScenarioService({ replica, progress: (p) => progress.push(p) });
}, 120_000);

afterAll(async () => {
  await service.dispose();
  await replica.close();
  rmSync(dir, { recursive: true, force: true });
});

const refusal = async (text: string) => {
  const err = await service.importHazard({ fileName: 'bad.geojson', text }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HostError);
  return err as HostError;
};

describe('scenario service (tiny replica)', () => {
  it('imports a hazard file: the estimate and the pre-filled scenario equal core’s, the areas kept for the map', async () => {
    const view = await service.importHazard({ fileName: 'flood.geojson', text: JSON.stringify(hazard) });
    const features = parseHazardFile(hazard);
    const estimate = estimateAffected(features, loadProvinceAreas());
    expect(view.regions).toEqual(estimate.regions);
    expect(view.regions.map((r) => r.region)).toEqual(['420000', '430000']);
    expect(view.population).toBe(estimate.regions.reduce((n, r) => n + r.population, 0));
    expect(view.scenario).toEqual(hazardScenario(estimate, { title: 'flood.geojson' }));
    expect(view.features.map((f) => [f.label, f.level, f.geometry.type, f.radiusKm])).toEqual([
      ['FL-1', 'orange', 'Polygon', null],
      ['TY-1', 'red', 'Point', 40],
    ]);
    expect(service.current().hazard).toEqual(view);
  }, 60_000);

  it('refuses a malformed file with the problem in a word and the feature by name, and keeps the hazard it had', async () => {
    const before = service.current().hazard;
    expect(before).not.toBeNull();
    const notJson = await refusal('{"type": "FeatureCollection", ');
    expect(notJson.code).toBe('bad-request');
    expect(notJson.details).toMatchObject({ cause: 'hazard-input', problem: 'not-json' });
    expect((await refusal('{"type": "Feature"}')).details).toMatchObject({ problem: 'not-collection' });
    expect((await refusal('{"type": "FeatureCollection", "features": []}')).details).toMatchObject({ problem: 'no-features' });
    const bad = structuredClone(hazard);
    (bad.features[1]!.properties as Record<string, unknown>).level = 'purple';
    const feature = await refusal(JSON.stringify(bad));
    expect(feature.details).toMatchObject({ problem: 'feature' });
    expect(feature.message).toContain('features[1] (id "TY-1").properties.level: must be one of blue, yellow, orange, red');
    const sea = structuredClone(hazard);
    sea.features = [{ ...hazard.features[1]!, geometry: { type: 'Point', coordinates: [125, 20] } }] as typeof hazard.features;
    expect((await refusal(JSON.stringify(sea))).details).toMatchObject({ problem: 'no-population' });
    expect(service.current().hazard).toBe(before);
  }, 60_000);

  it('runs the pre-filled scenario in the worker as core simulates it, with progress, and keeps the run', async () => {
    const scenario = service.current().hazard!.scenario;
    progress.length = 0;
    const run = await service.run({ scenario, runId: 'run-1' });
    const db = openReplica(file, key, { readonly: true });
    try {
      const norms = loadNorms();
      const expected = await simulate(scenario, simulationSupplyFromReplica(db.db, scenario, norms), norms, loadCostModel());
      expect(run.result).toEqual(expected);
    } finally {
      db.close();
    }
    expect(run.result.plans.map((p) => p.id)).toEqual(['affected-regions', 'all-regions']);
    expect(progress[0]).toMatchObject({ runId: 'run-1', phase: 'reading' });
    const solving = progress.filter((p) => p.phase === 'solving');
    expect(solving.at(-1)?.done).toBe(solving.at(-1)?.total);
    expect(progress.at(-1)?.phase).toBe('done');
    expect(service.current().run).toBe(run);
  }, 120_000);

  it('cancels a run: it answers cancelled, the last run stays, and the next run works', async () => {
    const last = service.current().run;
    const big = { ...service.current().hazard!.scenario, days: 60, affected: service.current().hazard!.scenario.affected.map((a) => ({ ...a, durationDays: 60 })) };
    const running = service.run({ scenario: big, runId: 'run-2' }).then(
      () => null,
      (e: unknown) => e,
    );
    await expect(service.run({ scenario: big, runId: 'run-3' })).rejects.toMatchObject({ code: 'bad-request' });
    await service.cancel('run-2');
    expect(await running).toMatchObject({ code: 'cancelled' });
    expect(service.current().run).toBe(last);
    const again = await service.run({ scenario: service.current().hazard!.scenario, runId: 'run-4' });
    expect(again.result.plans).toHaveLength(2);
  }, 120_000);

  it('the briefing made after a run prints its plans side by side', async () => {
    const run = service.lastRun()!;
    const result = await exportFromHost(replica, file, {}, run);
    const text = poppler('pdftotext', ['-layout', result.file, '-']);
    expect(text).toContain('情景推演：应对方案比较');
    for (const plan of run.result.plans) {
      const line = text.split('\n').find((l) => l.trim().startsWith(plan.id));
      expect(line, plan.id).toBeDefined();
      expect(line).toContain(Math.round(plan.summary.shortfallPersonDays).toLocaleString('en'));
    }
    const without = await exportFromHost(replica, file, { region: '430000' });
    expect(poppler('pdftotext', [without.file, '-'])).not.toContain('情景推演');
    // The app's briefing:export hands the host's last run to the briefing.
    const handlers = createAppHandlers({ replica, info: { version: 't', host: 'browser', replicaPath: file, demo: false }, links: () => [], chain: async () => ({ regions: [] }), scenario: service });
    const fromApp = await handlers['briefing:export']({ region: '430000' });
    expect(poppler('pdftotext', [fromApp.file, '-'])).toContain('情景推演：应对方案比较');
  }, 180_000);
});
