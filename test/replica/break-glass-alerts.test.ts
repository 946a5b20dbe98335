import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signEnvelope } from '../../src/core/commands/sign-envelope';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import { createSituationQueries } from '../../src/core/replica/situation';
import { PROVINCE_CENTROIDS } from '../../src/shared/domain/province-centroids';
import { situationFilterSchema, situationSchema } from '../../src/shared/contract/situation-schemas';
import type { EventDraft } from '../../src/shared/domain/events';
import { REGION, sealAll, smallDrafts } from '../helpers/small-log';
import { useTempDir } from '../helpers/temp-dir';

/*
 * A break-glass level I reaches the situation picture as an alert of its own kind: on a real
 * encrypted replica folded from a hand-written Hunan log, the snapshot query returns it as
 * 'break-glass' (not folded into 'anomaly'), critical, at the province, ahead of every other
 * alert, within the contract's schema; a countersignature takes it off.
 */
const tempDir = useTempDir();
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
// The projector carries envelopes without checking them (the server did): a throwaway key serves.
const envelope = signEnvelope({ region: REGION, expectedLevel: 'normal', body: { kind: 'emergency.countersign' } }, { keyPem: key, chainPem: ['(not checked by the projector)'] });
const COMMANDER = { subject: 'CN=commander-zhao,OU=national-commander,O=000000', role: 'national-commander' } as const;
const OFFICER = { subject: 'CN=officer-wang,OU=duty-officer,O=430000', role: 'duty-officer' } as const;

// Earlier than the log's stock events, so only the kind (not the time) can put it first.
const glass: EventDraft = {
  region: REGION,
  type: 'emergency.level-changed',
  eventTime: '2025-12-31T08:00:00.000Z',
  actor: COMMANDER,
  instructionId: null,
  payload: { fromLevel: 'normal', toLevel: 'I', plan: '国家地震应急预案Ⅰ级', reason: '强震，通信中断', signers: [COMMANDER.subject], proposalId: null, breakGlass: true, envelopes: [envelope] },
} as EventDraft;
const countersigned: EventDraft = { region: REGION, type: 'emergency.countersigned', eventTime: '2026-01-09T08:00:00.000Z', actor: OFFICER, instructionId: null, payload: { envelope } } as EventDraft;

const filter = situationFilterSchema.parse({});

function replicaWith(drafts: EventDraft[]): Replica {
  const replica = openReplica(join(tempDir(), `r-${drafts.length}.db`), newReplicaKey(), { create: true });
  replica.projector.applyBatch(REGION, sealAll(drafts));
  return replica;
}

describe('break-glass alerts in the situation query', () => {
  it('are their own kind, critical, at the province, first in the list and within the contract', () => {
    const replica = replicaWith([...smallDrafts(), glass]);
    try {
      const queries = createSituationQueries(replica.db);
      const situation = queries.snapshot(filter);
      expect(situationSchema.safeParse(situation).success).toBe(true);
      const [centroidLon, centroidLat] = PROVINCE_CENTROIDS[REGION] ?? [NaN, NaN];
      const alert = situation.alerts.find((a) => a.kind === 'break-glass');
      expect(alert).toEqual({ id: expect.stringMatching(/^break-glass:430000:\d+:level-I$/), kind: 'break-glass', severity: 'critical', region: REGION, depot: null, class: null, category: null, lon: centroidLon, lat: centroidLat, raisedAt: glass.eventTime });
      expect(situation.alerts.some((a) => a.kind === 'anomaly')).toBe(false);

      // Another critical alert, raised later, still comes after it.
      const others = situation.alerts.filter((a) => a.kind !== 'break-glass');
      expect(others.some((a) => a.severity === 'critical' && a.raisedAt > glass.eventTime)).toBe(true);
      expect(situation.alerts[0]).toEqual(alert);
      expect(queries.kpis(filter).openAlerts).toBe(situation.alerts.length);
    } finally {
      replica.close();
    }
  });

  it('leave the list once a second officer countersigns', () => {
    const replica = replicaWith([...smallDrafts(), glass, countersigned]);
    try {
      const situation = createSituationQueries(replica.db).snapshot(filter);
      expect(situation.alerts.filter((a) => a.kind === 'break-glass')).toEqual([]);
      expect(situation.alerts.length).toBeGreaterThan(0);
    } finally {
      replica.close();
    }
  });
});
