import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, sealEvent, type ChainHead } from '../../src/core/chain/seal';
import { ProjectionError } from '../../src/core/projector/errors';
import { newReplicaKey } from '../../src/core/replica/key-file';
import { openReplica, type Replica } from '../../src/core/replica/replica';
import { generateRegionLog, loadPrefectures } from '../../src/core/seed';
import { DEFAULT_AS_OF, DEFAULT_SEED } from '../../src/core/seed/defaults';
import type { SealedEvent } from '../../src/shared/domain/events';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const REGION = '110000';

function sealedLog(region: string): SealedEvent[] {
  const out: SealedEvent[] = [];
  let head: ChainHead = EMPTY_HEAD;
  for (const draft of generateRegionLog(region, { scale: 'tiny', seed: DEFAULT_SEED, asOf: DEFAULT_AS_OF }, loadPrefectures())) {
    const sealed = sealEvent(draft, head, draft.eventTime);
    head = { seq: sealed.seq, hash: sealed.hash };
    out.push(sealed);
  }
  return out;
}

const national = sealedLog('000000');
const regional = sealedLog(REGION);

/** Every row of every table, in key order: two replicas that agree on this agree on everything. */
function dump(replica: Replica): Record<string, unknown[]> {
  const tables = replica.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const columns = replica.db.prepare(`SELECT count(*) FROM pragma_table_info(?)`).pluck().get(table) as number;
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
    out[table] = replica.db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).raw().all();
  }
  return out;
}

function applyIn(name: string, size: number): Replica {
  const replica = openReplica(join(tempDir(), `${name}.db`), newReplicaKey(), { create: true });
  replica.projector.applyBatch('000000', national);
  for (let i = 0; i < regional.length; i += size) replica.projector.applyBatch(REGION, regional.slice(i, i + size));
  return replica;
}

describe('projector batches (running figures held per batch)', () => {
  it('gives the same tables whatever the batch size, one event at a time or the whole log at once', () => {
    expect(regional.length).toBeGreaterThan(200);
    const types = new Set(regional.map((e) => e.type));
    for (const type of ['lot.intake', 'stock.issued', 'stock.transfer-out', 'stock.transfer-in']) expect(types).toContain(type);
    const one = applyIn('one', 1);
    const whole = applyIn('whole', regional.length);
    const odd = applyIn('odd', 37);
    const reference = dump(one);
    expect(reference.lot_stock!.length).toBeGreaterThan(0);
    expect(dump(whole)).toEqual(reference);
    expect(dump(odd)).toEqual(reference);
    for (const r of [one, whole, odd]) r.close();
  });

  it('keeps nothing of a refused batch: the next batch starts from the committed tables', () => {
    const refused = openReplica(join(tempDir(), 'refused.db'), newReplicaKey(), { create: true });
    refused.projector.applyBatch('000000', national);
    // Cut the log after a debit, then make that debit exceed the stock on hand: the batch's
    // earlier credits and debits of the same figures must vanish with it.
    const at = regional.findLastIndex((e, i) => i < regional.length - 1 && e.type === 'stock.issued');
    const bad = structuredClone(regional.slice(0, at + 1));
    const last = bad[at]!;
    if (last.type !== 'stock.issued') throw new Error('expected an issue');
    last.payload.quantity = 10_000_000;
    const resealed: SealedEvent[] = [];
    let head: ChainHead = EMPTY_HEAD;
    for (const e of bad) {
      const { seq: _seq, id: _id, recordTime, prevHash: _prev, hash: _hash, ...draft } = e;
      const sealed = sealEvent(draft, head, recordTime);
      head = { seq: sealed.seq, hash: sealed.hash };
      resealed.push(sealed);
    }
    expect(() => refused.projector.applyBatch(REGION, resealed)).toThrow(ProjectionError);
    expect(refused.projector.headOf(REGION).seq).toBe(0);
    for (let i = 0; i < regional.length; i += 100) refused.projector.applyBatch(REGION, regional.slice(i, i + 100));
    const clean = applyIn('clean', 100);
    expect(dump(refused)).toEqual(dump(clean));
    refused.close();
    clean.close();
  });
});
