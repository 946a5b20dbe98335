import { join } from 'node:path';
import { createEventReader } from '../../../src/core/log/event-rows';
import type { Db } from '../../../src/core/replica/open';
import { newReplicaKey } from '../../../src/core/replica/key-file';
import { openReplica } from '../../../src/core/replica/replica';
import { regionStateHash } from '../../../src/core/replica/state-hash';

const NATIONAL = '000000';
const CHUNK = 1000;

/**
 * The server's state of `region` at each of `seqs`: its own log, read back from its store,
 * folded by the projector into a fresh replica up to each seq in turn. Returns seq → state hash.
 */
export function serverStateHashesAt(source: Db, region: string, seqs: readonly number[], dir: string): Map<number, string> {
  const reader = createEventReader(source);
  const replica = openReplica(join(dir, `reference-${Date.now()}-${Math.random().toString(36).slice(2)}.db`), newReplicaKey(), { create: true });
  try {
    replica.projector.applyBatch(NATIONAL, reader.from(NATIONAL, 1, 1_000_000));
    const hashes = new Map<number, string>();
    let head = 0;
    for (const target of [...new Set(seqs)].sort((a, b) => a - b)) {
      while (head < target) {
        const events = reader.from(region, head + 1, Math.min(CHUNK, target - head));
        if (events.length === 0) throw new Error(`the server's log of ${region} ends at ${head}, before ${target}`);
        head = replica.projector.applyBatch(region, events).head.seq;
      }
      hashes.set(target, regionStateHash(replica.db, region));
    }
    return hashes;
  } finally {
    replica.close();
  }
}

/** What a replica holds of a region: integrity, cursor, stored events, state hash. */
export function inspectReplica(db: Db, region: string) {
  const integrity = db.pragma('integrity_check', { simple: true }) as string;
  const cursor = db.prepare<[string], number>('SELECT last_seq FROM region_heads WHERE region = ?').pluck().get(region) ?? 0;
  const events = db
    .prepare<[string], { count: number; distinct: number; max: number | null }>('SELECT count(*) AS count, count(DISTINCT seq) AS "distinct", max(seq) AS max FROM events WHERE region = ?')
    .get(region) ?? { count: 0, distinct: 0, max: null };
  return { integrity, cursor, events: events.count, distinctSeqs: events.distinct, maxSeq: events.max ?? 0, stateHash: regionStateHash(db, region) };
}
