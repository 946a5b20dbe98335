import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_HEAD, sealEvent, type ChainHead } from '../../src/core/chain/seal';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import { createSituationQueries } from '../../src/core/replica/situation';
import { createReplayQueries } from '../../src/core/replay/replay-queries';
import { situationFilterSchema } from '../../src/shared/contract/situation-schemas';
import type { EventDraft, SealedEvent } from '../../src/shared/domain/events';
import { REGION, smallDrafts } from '../helpers/small-log';
import { useTempDir } from '../helpers/temp-dir';
import { createReferenceFold, expectSameFigures, KEY } from './support';

const ALL = situationFilterSchema.parse({});
const day = (n: number, hour = 0) => new Date(Date.UTC(2026, 0, 1 + n, hour)).toISOString();

/** The small Hunan log, sealed with record times of our choosing (the transfer-in recorded three days late). */
function sealedLog(): SealedEvent[] {
  const late = new Map<EventDraft['type'], string>([['stock.transfer-in', day(9)]]);
  let head: ChainHead = EMPTY_HEAD;
  let lastRecord = '';
  return smallDrafts().map((draft) => {
    // Record times never step back along the log: a late record pushes the following ones too.
    const wanted = late.get(draft.type) ?? draft.eventTime;
    const recordTime = wanted > lastRecord ? wanted : lastRecord;
    lastRecord = recordTime;
    const sealed = sealEvent(draft, head, recordTime);
    head = { seq: sealed.seq, hash: sealed.hash };
    return sealed;
  });
}

describe('replay clock and index upkeep on a hand-written log', () => {
  const tempDir = useTempDir();
  let dir: string;
  let replica: Replica;

  beforeEach(() => {
    dir = tempDir();
    replica = openReplica(join(dir, 'small.db'), KEY, { create: true });
  });
  afterEach(() => replica.close());

  it('cuts the log on record time: an event done earlier but recorded later is not in the moment', () => {
    const log = sealedLog();
    replica.projector.applyBatch(REGION, log);
    const replay = createReplayQueries(replica.db);
    expect(replay.build(1_000).complete).toBe(true);

    // Day 7: the transfer-in happened on day 6 (eventTime) but was recorded on day 9.
    const at = day(7);
    const situation = replay.snapshot(at, ALL);
    expect(situation.transfers.map((t) => [t.transferId, t.quantity])).toEqual([['T-1', 300]]);
    // Stock at the source after the transfer-out, nothing yet at the destination.
    const fold = createReferenceFold(dir, new Map([[REGION, log]]));
    fold.foldTo(Date.parse(at));
    expectSameFigures(situation, createSituationQueries(fold.replica.db).snapshot(ALL));
    // Recorded on day 9, the transfer is no longer in flight.
    expect(replay.snapshot(day(9), ALL).transfers).toEqual([]);
    fold.replica.close();
  });

  it('knows nothing before the first event and is exact at an event time', () => {
    const log = sealedLog();
    replica.projector.applyBatch(REGION, log);
    const replay = createReplayQueries(replica.db);
    replay.build(1_000);
    expect(replay.range()).toMatchObject({ from: day(0), to: day(9) });
    const before = replay.kpis(day(-1), ALL);
    expect(before).toMatchObject({ asOf: null, depotsUnderFloor: 0, openAlerts: 0 });
    expect(replay.snapshot(day(-1), ALL).provinces).toEqual([]);
    // The transfer-out of 300 is recorded at exactly day 4 00:00: in the moment at that instant, not a millisecond before.
    const outAt = Date.parse(day(4));
    const stockAt = (ms: number) => replay.snapshot(new Date(ms).toISOString(), ALL).provinces[0]?.classes?.[0]?.stock;
    expect(stockAt(outAt - 1)).toBe(1000);
    expect(stockAt(outAt)).toBe(700);
    // The issue done on day 7 was recorded after the late transfer-in (day 9): both arrive together.
    expect(stockAt(Date.parse(day(9)) - 1)).toBe(700);
    expect(stockAt(Date.parse(day(9)))).toBe(800);
  });

  it('catches the index up at a seek when the log has grown, and a replaced log is indexed again', () => {
    const log = sealedLog();
    replica.projector.applyBatch(REGION, log.slice(0, 6));
    const replay = createReplayQueries(replica.db);
    replay.build(1_000);
    expect(replay.range().to).toBe(day(3));
    replica.projector.applyBatch(REGION, log.slice(6));
    // No build call: the seek indexes the new events itself.
    const fold = createReferenceFold(dir, new Map([[REGION, log]]));
    fold.foldTo(Date.parse(day(8)));
    expectSameFigures(replay.kpis(day(8), ALL), createSituationQueries(fold.replica.db).kpis(ALL));
    expect(replay.range()).toMatchObject({ to: day(9), index: { indexed: log.length, total: log.length, complete: true } });
    fold.replica.close();

    // The indexed head no longer matches the log (as after a store replaced under the app): re-indexed from the log.
    replica.db.prepare("UPDATE replay_progress SET hash = 'ff' WHERE region = ?").run(REGION);
    replica.db.prepare('DELETE FROM replay_moves').run();
    expect(replay.build(1_000).complete).toBe(true);
    const moves = replica.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM replay_moves').get();
    expect(moves?.n).toBe(4); // intake, transfer out, transfer in, issue: one row each, none twice
  });
});
