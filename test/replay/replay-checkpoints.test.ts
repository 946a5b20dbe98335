import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import { createSituationQueries } from '../../src/core/replica/situation';
import { createReplayQueries, type ReplayQueries } from '../../src/core/replay/replay-queries';
import { seedInto } from '../../src/core/seed/seed-replica';
import { situationFilterSchema } from '../../src/shared/contract/situation-schemas';
import type { SealedEvent } from '../../src/shared/domain/events';
import { TINY } from '../seed/fixtures';
import { createReferenceFold, expectSameFigures, KEY, seededRandom, storedLogs } from './support';

const ALL = situationFilterSchema.parse({});
const GRAIN = situationFilterSchema.parse({ classes: ['grain'] });
const seed = Number(process.env.REPLAY_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe(`checkpoint-bounded seeks on a log that grows while replay is in use (REPLAY_SEED=${seed})`, () => {
  let dir: string;
  let source: Replica;
  let logs: Map<string, SealedEvent[]>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'inrs-replay-cp-'));
    source = openReplica(join(dir, 'seeded.db'), KEY, { create: true });
    seedInto(source, TINY);
    logs = storedLogs(source.db);
  }, 120_000);

  afterAll(() => {
    source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the index ready as live events arrive, adds checkpoints as it grows, and equals a fresh fold at random moments', () => {
    // The replica holds the log up to 60 % of its span when replay is first used.
    const all = [...logs.values()].flat();
    const from = Math.min(...all.map((e) => Date.parse(e.recordTime)));
    const to = Math.max(...all.map((e) => Date.parse(e.recordTime)));
    const live = openReplica(join(dir, 'live.db'), KEY, { create: true });
    const applied = new Map([...logs.keys()].map((r) => [r, 0]));
    /** Applies every region's events recorded up to a moment, as sync does (region by region). */
    const appendTo = (atMs: number) => {
      for (const [region, events] of logs) {
        let i = applied.get(region) ?? 0;
        const start = i;
        while (i < events.length && Date.parse((events[i] as SealedEvent).recordTime) <= atMs) i++;
        if (i > start) live.projector.applyBatch(region, events.slice(start, i));
        applied.set(region, i);
      }
    };
    appendTo(from + 0.6 * (to - from));
    const replay: ReplayQueries = createReplayQueries(live.db, { stepEvents: 400 });
    try {
      let built = replay.build(2_000);
      while (!built.complete) built = replay.build(2_000);
      const early = replay.checkpoints();
      // The first build put checkpoints back over the range, a step apart.
      expect(early.length).toBeGreaterThan(5);
      expect(replay.range().index).toMatchObject({ complete: true, ready: true });

      // Live sync appends the rest in small slices: the index falls behind but stays ready.
      for (let k = 1; k <= 40; k++) {
        appendTo(from + (0.6 + (0.4 * k) / 40) * (to - from));
        expect(replay.range().index.ready, `slice ${k}`).toBe(true);
      }
      expect(replay.range().index.complete).toBe(false);

      // Seeks (no build call) catch the index up; near the head, new checkpoints follow the log.
      const random = seededRandom(seed);
      const moments = [...Array.from({ length: 6 }, () => from + Math.floor(random() * (to - from))), to - 1000, to].sort((a, b) => a - b);
      const fold = createReferenceFold(dir, logs);
      const reference = createSituationQueries(fold.replica.db);
      try {
        for (const at of moments) {
          fold.foldTo(at);
          const iso = new Date(at).toISOString();
          expectSameFigures(replay.snapshot(iso, ALL), reference.snapshot(ALL), `${iso} snapshot`);
          expectSameFigures(replay.kpis(iso, GRAIN), reference.kpis(GRAIN), `${iso} grain kpis`);
        }
      } finally {
        fold.replica.close();
      }
      expect(replay.range().index.complete).toBe(true);
      expect(replay.checkpoints().length).toBeGreaterThan(early.length);
    } finally {
      live.close();
    }
  }, 240_000);

  it('seeks from the nearest checkpoint: a seek folds a bounded stretch of the log, wherever the moment', () => {
    const replay = createReplayQueries(source.db, { stepEvents: 600 });
    for (let p = replay.build(5_000); !p.complete; p = replay.build(5_000));
    const points = replay.checkpoints();
    expect(points.length).toBeGreaterThan(8);
    // Checkpoints cover the range, oldest first.
    const range = replay.range();
    expect(points[0]?.at).toBe(new Date(Date.parse(range.from ?? '')).toISOString());
    for (let i = 1; i < points.length; i++) expect(Date.parse(points[i]?.at ?? '')).toBeGreaterThan(Date.parse(points[i - 1]?.at ?? ''));
    // Moments anywhere in the range fold only the events between them and the nearest checkpoint.
    const from = Date.parse(range.from ?? '');
    const to = Date.parse(range.to ?? '');
    const random = seededRandom(seed + 1);
    for (let i = 0; i < 12; i++) {
      const at = new Date(from + Math.floor(random() * (to - from))).toISOString();
      replay.kpis(at, ALL);
      expect(replay.lastSeekEvents(), at).toBeLessThanOrEqual(4 * 600);
    }
    expect(range.index.total).toBeGreaterThan(4 * 4 * 600);
  });
});
