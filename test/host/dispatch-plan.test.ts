import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signEnvelope } from '../../src/core/commands/sign-envelope';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { ReplicaClient } from '../../src/core/replica/replica-client';
import { createDispatchService, type DispatchService } from '../../src/main/host/dispatch-service';
import type { SavedDispatchPlan } from '../../src/shared/contract';
import type { EventDraft, SealedEvent } from '../../src/shared/domain/events';
import { REGION, sealAll, smallDrafts } from '../helpers/small-log';
import { useTempDir } from '../helpers/temp-dir';

/*
 * The open dispatch plan is state: the host keeps it in a 0600 file of the data folder, a new
 * service on the same folder (a reload, a restart) gives it back while the region's level is
 * raised, and forgets it once the level is back to normal or the officer closes it. Real
 * encrypted replica in its worker, the level raised and lowered by events in the log.
 */
const tempDir = useTempDir();
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const envelope = signEnvelope({ region: REGION, expectedLevel: 'normal', body: { kind: 'emergency.countersign' } }, { keyPem, chainPem: ['(not checked by the projector)'] });
const COMMANDER = { subject: 'CN=commander-zhao,OU=national-commander,O=000000', role: 'national-commander' } as const;

const levelChange = (fromLevel: string, toLevel: string, day: number): EventDraft =>
  ({
    region: REGION,
    type: 'emergency.level-changed',
    eventTime: new Date(Date.UTC(2026, 0, 20 + day)).toISOString(),
    actor: COMMANDER,
    instructionId: null,
    payload: { fromLevel, toLevel, plan: '防汛应急预案', reason: '洞庭湖水位超警', signers: [COMMANDER.subject], proposalId: null, breakGlass: false, envelopes: [envelope] },
  }) as EventDraft;

const plan = (lines: SavedDispatchPlan['lines']): SavedDispatchPlan => ({
  recommendation: {
    scenario: { regions: [REGION], population: { [REGION]: 100_000 }, durationDays: 7, coldSeason: false },
    plan: {
      flows: [
        {
          from: '430100-D001',
          fromName: '长沙第1储备库',
          fromNameEn: 'Changsha Reserve Depot 1',
          fromRegion: REGION,
          fromLon: 112.98,
          fromLat: 28.2,
          to: REGION,
          toName: '湖南省',
          toNameEn: 'Hunan',
          toLon: 112.9,
          toLat: 27.9,
          category: 'GR-RICE',
          categoryName: '稻谷',
          categoryNameEn: 'Paddy rice',
          unit: '吨',
          unitEn: 't',
          quantity: 40,
          hours: 1,
          available: 700,
        },
      ],
      shortfalls: [],
      objective: 1,
      status: 'optimal',
    },
    explanation: { demandByCategory: [], supplyByCategory: [], binding: [], shortfalls: [], notes: [] },
    areas: [],
    size: { depots: 1, demandPoints: 1, categories: 1 },
    solveMillis: 1,
  },
  lines,
  mapCategory: 'GR-RICE',
  savedAt: null,
});

describe('the dispatch plan survives a reload while the level is raised', () => {
  const open: { client: ReplicaClient; service: DispatchService }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0)) {
      await o.service.dispose();
      await o.client.close();
    }
  });

  async function host(file: string, key: Buffer, planFile: string) {
    const client = await ReplicaClient.open({ file, key });
    const service = createDispatchService({ replica: client, commands: () => null, planFile });
    open.push({ client, service });
    return service;
  }

  it('restores the edited plan in a new host, drops it when the level is back to normal, and forgets a closed one', async () => {
    const dir = tempDir();
    const file = join(dir, 'replica.db');
    const planFile = join(dir, 'dispatch-plan.json');
    const key = newReplicaKey();
    const log: SealedEvent[] = sealAll([...smallDrafts(), levelChange('normal', 'III', 0), levelChange('III', 'normal', 1)]);
    const seeded = openReplica(file, key, { create: true });
    seeded.projector.applyBatch(REGION, log.slice(0, -1)); // at level III
    seeded.close();

    const first = await host(file, key, planFile);
    expect(await first.currentPlan()).toBeNull();
    const edited = plan([{ key: `430100-D001|${REGION}|GR-RICE`, text: '25', removed: false }]);
    first.savePlan(edited);
    expect(statSync(planFile).mode & 0o777).toBe(0o600);

    // A reload: a new host on the same data folder gives the officer's edited plan back.
    const second = await host(file, key, planFile);
    const restored = await second.currentPlan();
    expect(restored).toMatchObject({ lines: edited.lines, mapCategory: 'GR-RICE', recommendation: { scenario: { regions: [REGION] } } });
    expect(Date.parse(restored?.savedAt ?? '')).not.toBeNaN();

    // Closed by the officer: gone.
    second.clearPlan([REGION]);
    expect(await second.currentPlan()).toBeNull();

    // Saved again, then the level drops back to normal: the plan is dropped, from the file too.
    second.savePlan(edited);
    const lowered = openReplica(file, key);
    lowered.projector.applyBatch(REGION, log.slice(-1));
    lowered.close();
    const third = await host(file, key, planFile);
    expect(await third.currentPlan()).toBeNull();
    expect(JSON.parse(readFileSync(planFile, 'utf8'))).toEqual({ format: 1, plans: [] });
  });

  it('sets an unreadable plan file aside with a message instead of failing', async () => {
    const dir = tempDir();
    const file = join(dir, 'replica.db');
    const planFile = join(dir, 'dispatch-plan.json');
    const key = newReplicaKey();
    const seeded = openReplica(file, key, { create: true });
    seeded.projector.applyBatch(REGION, sealAll([...smallDrafts(), levelChange('normal', 'III', 0)]));
    seeded.close();
    writeFileSync(planFile, '{"format":1,"plans":[{"lines":"broken"}]}');
    const lines: string[] = [];
    const client = await ReplicaClient.open({ file, key });
    const service = createDispatchService({ replica: client, commands: () => null, planFile, log: (l) => lines.push(l) });
    open.push({ client, service });
    expect(await service.currentPlan()).toBeNull();
    expect(lines.join('\n')).toMatch(/dispatch plan file .* is unreadable/);
  });
});
