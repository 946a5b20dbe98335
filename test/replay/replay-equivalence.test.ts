import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import { createSituationQueries } from '../../src/core/replica/situation';
import { createReplayQueries, type ReplayQueries } from '../../src/core/replay/replay-queries';
import { seedInto } from '../../src/core/seed/seed-replica';
import { situationFilterSchema, type SituationFilter } from '../../src/shared/contract/situation-schemas';
import type { SealedEvent } from '../../src/shared/domain/events';
import { TINY } from '../seed/fixtures';
import { createReferenceFold, expectSameFigures, KEY, seededRandom, storedLogs } from './support';

const FILTERS: Record<string, SituationFilter> = {
  all: situationFilterSchema.parse({}),
  grain: situationFilterSchema.parse({ classes: ['grain'] }),
  hunan: situationFilterSchema.parse({ regions: ['430000'] }),
  medicalHighRisk: situationFilterSchema.parse({ classes: ['medical', 'water'], riskBands: ['high', 'severe'] }),
};

const DAY = 86_400_000;
const seed = Number(process.env.REPLAY_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe(`replay of a seeded replica equals a fresh fold of the log up to the moment (REPLAY_SEED=${seed})`, () => {
  let dir: string;
  let replica: Replica;
  let replay: ReplayQueries;
  let logs: Map<string, SealedEvent[]>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'inrs-replay-'));
    replica = openReplica(join(dir, 'seeded.db'), KEY, { create: true });
    seedInto(replica, TINY);
    replay = createReplayQueries(replica.db);
    for (let p = replay.build(5_000); !p.complete; p = replay.build(5_000));
    logs = storedLogs(replica.db);
  }, 120_000);

  afterAll(() => {
    replica.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('compares the situation and KPIs at random moments, at event times, before the first event and now', () => {
    const range = replay.range();
    expect(range.index.complete).toBe(true);
    const from = Date.parse(range.from ?? '');
    const to = Date.parse(range.to ?? '');
    expect(to).toBeGreaterThan(from);

    const random = seededRandom(seed);
    const all = [...logs.values()].flat();
    const eventTime = () => Date.parse((all[Math.floor(random() * all.length)] as SealedEvent).recordTime);
    const moments = [
      from - DAY, // before the first event: nothing exists yet
      from,
      ...Array.from({ length: 4 }, () => from + Math.floor(random() * (to - from))),
      ...Array.from({ length: 3 }, eventTime), // exactly at an event's time: that event is in
      to - 30 * DAY + Math.floor(random() * 30 * DAY),
      to,
    ].sort((a, b) => a - b);

    const fold = createReferenceFold(dir, logs);
    const seen = { transfers: 0, recordedAlerts: 0, expiring: 0, openAlerts: new Set<number>() };
    try {
      const reference = createSituationQueries(fold.replica.db);
      for (const at of moments) {
        fold.foldTo(at);
        const iso = new Date(at).toISOString();
        for (const [name, filter] of Object.entries(FILTERS)) {
          const expected = reference.snapshot(filter);
          const actual = replay.snapshot(iso, filter);
          expectSameFigures(actual, expected, `${iso} ${name} snapshot`);
          seen.transfers += actual.transfers.length;
          seen.recordedAlerts += actual.alerts.filter((a) => a.kind === 'discrepancy' || a.kind === 'anomaly').length;
          seen.expiring += actual.alerts.filter((a) => a.kind === 'expiring' || a.kind === 'expired').length;
          if (name === 'all') seen.openAlerts.add(actual.alerts.length);
          expectSameFigures(replay.kpis(iso, filter), reference.kpis(filter), `${iso} ${name} kpis`);
        }
      }
    } finally {
      fold.replica.close();
    }
    // The moments exercised what the replay puts back: transfers in flight, recorded and expiry alerts, a changing picture.
    expect(seen.transfers).toBeGreaterThan(0);
    expect(seen.recordedAlerts).toBeGreaterThan(0);
    expect(seen.expiring).toBeGreaterThan(0);
    expect(seen.openAlerts.size).toBeGreaterThan(2);
  }, 240_000);

  it('shows the live situation at the newest moment', () => {
    const live = createSituationQueries(replica.db);
    const to = replay.range().to ?? '';
    expectSameFigures(replay.snapshot(to, FILTERS.all as SituationFilter), live.snapshot(FILTERS.all as SituationFilter));
  });
});
