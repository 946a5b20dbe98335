import { createCheckpointStore } from '../../checkpoint/checkpoints';
import { EVENT_COLUMNS, eventOfRow, type EventRow } from '../../audit/event-row';
import type { Db } from '../../replica/open';
import { openReplica } from '../../replica/replica';
import { BriefingError } from '../errors';
import { NATIONAL_SCOPE } from '../../../shared/domain/roles';

const BATCH = 5_000;

type CheckpointRow = { region: string; seq: number; hash: string; time: string; signature: string; signer_cert: string };

/**
 * A new encrypted replica (under `key`) holding the national reference log and the chosen
 * regions' logs, each event folded again by the projector (chain links checked on the way),
 * with the signed checkpoints of those regions. Nothing else of the source travels.
 */
export function buildSubsetReplica(source: Db, regions: readonly string[], file: string, key: Buffer, onProgress?: (done: number, total: number) => void): { events: number } {
  const all = [NATIONAL_SCOPE, ...regions.filter((r) => r !== NATIONAL_SCOPE)];
  const heads = new Map(source.prepare<[], { region: string; last_seq: number }>('SELECT region, last_seq FROM region_heads').all().map((h) => [h.region, h.last_seq]));
  const first = source.prepare<[string], { seq: number }>('SELECT min(seq) AS seq FROM events WHERE region = ?');
  for (const region of all) {
    if (!heads.has(region)) throw new BriefingError('bad-region', `the replica holds no events of region ${region}`);
    const start = first.get(region)?.seq ?? 0;
    if (start !== 1) throw new BriefingError('snapshot-region', `region ${region} arrived in this replica as a snapshot at seq ${start - 1}: its log before that is not here to pack`);
  }
  const total = all.reduce((n, r) => n + (heads.get(r) ?? 0), 0);
  const rows = source.prepare<[string, number, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE region = ? AND seq >= ? ORDER BY seq LIMIT ?`).raw();
  const checkpoints = source.prepare<[string], CheckpointRow>('SELECT region, seq, hash, time, signature, signer_cert FROM checkpoints WHERE region = ? ORDER BY seq');

  const target = openReplica(file, key, { create: true });
  let done = 0;
  try {
    const store = createCheckpointStore(target.db);
    for (const region of all) {
      for (let from = 1; ; ) {
        const batch = (rows.all(region, from, BATCH) as EventRow[]).map((r) => eventOfRow(region, r));
        if (batch.length === 0) break;
        target.projector.applyBatch(region, batch);
        done += batch.length;
        from = (batch.at(-1)?.seq ?? from) + 1;
        onProgress?.(done, total);
      }
      for (const c of checkpoints.all(region)) store.save({ region: c.region, seq: c.seq, hash: c.hash, time: c.time, signature: c.signature, signerCert: c.signer_cert });
    }
    target.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    target.close();
  }
  return { events: done };
}
