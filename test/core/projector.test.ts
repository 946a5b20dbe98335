import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica } from '../../src/core/replica/replica';
import { ChainError, ProjectionError } from '../../src/core/projector/errors';
import { REGION, sealAll, smallDrafts } from '../helpers/small-log';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();

function freshReplica() {
  return openReplica(join(tempDir(), 'r.db'), newReplicaKey(), { create: true });
}

describe('projector', () => {
  it('folds a log into depots, lots, stock by depot and province aggregates', () => {
    const replica = freshReplica();
    const outcome = replica.projector.applyBatch(REGION, sealAll(smallDrafts()));
    expect(outcome.applied).toBe(9);
    const db = replica.db;
    expect(db.prepare('SELECT quantity FROM depot_stock WHERE depot = ?').pluck().get('430100-D001')).toBe(500);
    expect(db.prepare('SELECT quantity FROM depot_stock WHERE depot = ?').pluck().get('430200-D001')).toBe(300);
    expect(db.prepare('SELECT quantity FROM province_stock WHERE region = ?').pluck().get(REGION)).toBe(800);
    expect(db.prepare('SELECT on_hand, in_transit FROM lots').get()).toEqual({ on_hand: 800, in_transit: 0 });
    const [hunan] = replica.queries.provinces();
    expect(hunan).toMatchObject({ adcode: REGION, depots: 2, lots: 1, stockByClass: { grain: 800 } });
    replica.close();
  });

  it('applying the same batch twice is a no-op', () => {
    const replica = freshReplica();
    const events = sealAll(smallDrafts());
    replica.projector.applyBatch(REGION, events);
    const again = replica.projector.applyBatch(REGION, events);
    expect(again).toMatchObject({ applied: 0, skipped: 9 });
    expect(replica.queries.stats().events).toBe(9);
    replica.close();
  });

  it('refuses a debit beyond stock on hand and applies nothing of the batch', () => {
    const replica = freshReplica();
    const drafts = smallDrafts();
    const issue = drafts.at(-1)!;
    if (issue.type !== 'stock.issued') throw new Error('fixture changed');
    issue.payload.quantity = 701;
    const events = sealAll(drafts);
    expect(() => replica.projector.applyBatch(REGION, events)).toThrow(ProjectionError);
    expect(() => replica.projector.applyBatch(REGION, events)).toThrow(/exceeds stock on hand 700/);
    expect(replica.queries.stats().events).toBe(0);
    replica.close();
  });

  it('refuses a movement whose instruction is unknown', () => {
    const replica = freshReplica();
    const drafts = smallDrafts();
    drafts[5]!.instructionId = 'I-NOPE';
    expect(() => replica.projector.applyBatch(REGION, sealAll(drafts))).toThrow(/unknown instruction I-NOPE/);
    replica.close();
  });

  it('refuses an edited event, a gap and a fork', () => {
    const replica = freshReplica();
    const events = sealAll(smallDrafts());
    const edited = events.map((e) => ({ ...e }));
    (edited[4]!.payload as { id: string }).id = 'I-EDITED';
    expect(() => replica.projector.applyBatch(REGION, edited)).toThrow(/seq 5: chain broken: content does not match its id/);
    expect(() => replica.projector.applyBatch(REGION, [events[0]!, events[2]!])).toThrow(/expected seq 2, got 3/);
    replica.projector.applyBatch(REGION, events.slice(0, 3));
    const forked = sealAll(smallDrafts().slice(0, 2).concat(smallDrafts()[3]!));
    expect(() => replica.projector.applyBatch(REGION, forked)).toThrow(ChainError);
    expect(() => replica.projector.applyBatch(REGION, forked)).toThrow(/fork/);
    replica.close();
  });
});
