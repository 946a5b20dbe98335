import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import { createSituationQueries } from '../../src/core/replica/situation';
import { situationFilterSchema } from '../../src/shared/contract/situation-schemas';
import type { EventDraft } from '../../src/shared/domain/events';
import { REGION, sealAll, smallDrafts } from '../helpers/small-log';

/**
 * The instruction list's level and status on a real encrypted replica: issued (nothing moved),
 * executing (part of its lines), done (all of them), and the depots its lines name.
 */

let dir: string;
let replica: Replica;
const officer = { subject: 'CN=王芳,OU=duty-officer,O=430000', role: 'duty-officer' } as const;
const operator = { subject: 'CN=李强,OU=depot-operator,O=430000', role: 'depot-operator' } as const;
const at = (day: number) => new Date(Date.UTC(2026, 0, 10 + day)).toISOString();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inrs-instruction-summary-'));
  replica = openReplica(join(dir, 'r.db'), newReplicaKey(), { create: true });
  const more: EventDraft[] = [
    {
      region: REGION, type: 'instruction.issued', eventTime: at(0), actor: officer, instructionId: null,
      payload: { id: 'DSP-20260110-AAAAAA-430000', kind: 'dispatch', level: 'central', issuer: officer.subject, lines: [{ category: 'GR-RICE', quantity: 100, fromDepot: '430200-D001', toRegion: '420000' }] },
    },
    {
      region: REGION, type: 'instruction.issued', eventTime: at(1), actor: officer, instructionId: null,
      payload: { id: 'DSP-20260111-BBBBBB-430000', kind: 'dispatch', level: 'province', issuer: officer.subject, lines: [{ category: 'GR-RICE', quantity: 50, fromDepot: '430100-D001', toRegion: '430000' }] },
    },
    {
      region: REGION, type: 'stock.issued', eventTime: at(2), actor: operator, instructionId: 'DSP-20260111-BBBBBB-430000',
      payload: { lotId: 'L430000-000001', depot: '430100-D001', quantity: 20, recipient: '岳阳市应急管理局' },
    },
  ];
  replica.projector.applyBatch(REGION, sealAll([...smallDrafts(), ...more]));
});

afterAll(() => {
  replica?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('instruction summaries', () => {
  it('carry level, status and the depots their lines name', () => {
    const list = createSituationQueries(replica.db).instructions(situationFilterSchema.parse({}), 10);
    const by = new Map(list.map((i) => [i.id, i]));
    expect(by.get('DSP-20260110-AAAAAA-430000')).toMatchObject({ level: 'central', status: 'issued', acknowledgedBy: null, parentId: null, depots: ['430200-D001'] });
    expect(by.get('DSP-20260111-BBBBBB-430000')).toMatchObject({ level: 'province', status: 'executing', depots: ['430100-D001'] });
    // The procurement of the small log took in all it authorised (1,000 t): done.
    expect(by.get('I-430000-0001')).toMatchObject({ level: 'province', status: 'done', depots: ['430100-D001'] });
    expect(list.map((i) => i.id)).toEqual(['DSP-20260111-BBBBBB-430000', 'DSP-20260110-AAAAAA-430000', 'I-430000-0001']);
  });
});
