import { EVENT_COLUMNS, eventOfRow, type EventRow } from '../audit/event-row';
import { checkpointProblem, createCheckpointStore } from '../checkpoint/checkpoints';
import { openReplica } from '../replica/replica';
import { readKeyFile } from '../replica/key-file';
import { BackupError } from './errors';
import { targetKey, type StoreTarget } from './source';

export interface CatchUpOptions {
  /** The restored server store (its server stopped). */
  server: StoreTarget & { kind: 'server' };
  region: string;
  replicaFile: string;
  replicaKeyFile: string;
  rootPem: string;
  /** Also take the events after the replica's last signed checkpoint (the operator vouches for that replica). */
  acceptUnsignedTail: boolean;
}

export interface CatchUpResult {
  region: string;
  /** The store's head before and after. */
  fromSeq: number;
  toSeq: number;
  /** The newest checkpoint signed by the region's server that the replica holds, over its own chain. */
  signedSeq: number | null;
  /** Events the replica holds after signedSeq: imported only with acceptUnsignedTail. */
  unsignedTail: number;
  importedUnsigned: number;
}

const BATCH = 5_000;

/**
 * After a restore, brings the server's own region forward from a workstation replica that synced
 * past the backup: the replica must hold the store's head (same hash, else it is another history),
 * and events are taken up to the newest checkpoint the region's server signed (verified against
 * the root: what a signature covers cannot have been forged on the workstation). The events after
 * it are reported, and taken only when the operator says so.
 */
export function catchUpFromReplica(options: CatchUpOptions): CatchUpResult {
  const { region, replicaFile } = options;
  const replica = openReplica(replicaFile, readKeyFile(options.replicaKeyFile), { readonly: true });
  const store = openReplica(options.server.file, targetKey(options.server), { pageCheck: 'full' });
  try {
    const head = store.projector.headOf(region);
    const theirs = replica.projector.headOf(region);
    const hashAt = replica.db.prepare<[string, number], string>('SELECT hash FROM events WHERE region = ? AND seq = ?').pluck();
    if (head.seq > 0 && hashAt.get(region, head.seq) !== head.hash) {
      throw new BackupError('source-diverged', replicaFile, `does not hold the restored head of region ${region} (seq ${head.seq} ${head.hash.slice(0, 12)}…): another history; nothing taken`);
    }
    const checkpoints = replica.db
      .prepare<[string, number], { region: string; seq: number; hash: string; time: string; signature: string; signer_cert: string }>('SELECT * FROM checkpoints WHERE region = ? AND seq > ? ORDER BY seq DESC')
      .all(region, head.seq)
      .map((c) => ({ region: c.region, seq: c.seq, hash: c.hash, time: c.time, signature: c.signature, signerCert: c.signer_cert }));
    const signed = checkpoints.find((c) => c.seq <= theirs.seq && checkpointProblem(c, options.rootPem) === null && hashAt.get(region, c.seq) === c.hash) ?? null;
    const signedSeq = signed?.seq ?? null;
    const upTo = options.acceptUnsignedTail ? theirs.seq : (signedSeq ?? head.seq);
    const rows = replica.db.prepare<[string, number, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE region = ? AND seq > ? AND seq <= ? ORDER BY seq`).raw();
    let batch: EventRow[] = [];
    const flush = () => {
      if (batch.length === 0) return;
      try {
        store.projector.applyBatch(region, batch.map((r) => eventOfRow(region, r)));
      } catch (err) {
        throw new BackupError('broken-chain', replicaFile, `region ${region}: ${(err as Error).message}`);
      }
      batch = [];
    };
    for (const row of rows.iterate(region, head.seq, upTo) as Iterable<EventRow>) {
      batch.push(row);
      if (batch.length >= BATCH) flush();
    }
    flush();
    const save = createCheckpointStore(store.db);
    for (const c of checkpoints) if (c.seq <= upTo && checkpointProblem(c, options.rootPem) === null) save.save(c);
    const toSeq = store.projector.headOf(region).seq;
    const base = signedSeq ?? head.seq;
    return { region, fromSeq: head.seq, toSeq, signedSeq, unsignedTail: Math.max(0, theirs.seq - base), importedUnsigned: Math.max(0, toSeq - base) };
  } finally {
    store.close();
    replica.close();
  }
}
