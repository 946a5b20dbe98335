import type { Checkpoint } from '../../../shared/protocol/frames';
import { checkpointProblem } from '../../checkpoint/checkpoints';
import type { RegionalStore } from '../regional-store';
import { connectJetStream, isUnavailable, type ClusterTls } from './jetstream-connect';
import type { LedgerRecord } from './jetstream-ledger';
import { readEntries } from './jetstream-log';
import { mirrorLedgerName, mirrorStreamName, requireMirror } from './national-mirror';
import { LogUnavailableError, type RegionLog } from './region-log';
import { catchUp } from './replicated-append';

const decoder = new TextDecoder();
/** Direct gets of the ledger mirror in flight at once. */
const LEDGER_WINDOW = 32;

/** Why a server on the national mirror takes no command. */
export const readOnlyReason = (region: string) =>
  `read-only national mirror of region ${region}: it serves the region's log for sync, commands go to the region's own servers`;

/**
 * A region served from its national mirror: the local folder is a projection of the mirror stream
 * (the region's seqs), and the checkpoints the region's servers signed come from the mirrored
 * command ledger, each relayed only once its signature verifies against the national root and the
 * projection holds its seq with the same hash.
 */
export async function openMirrorSource(url: string, store: RegionalStore, rootPem: string, log: (line: string) => void, tls?: ClusterTls) {
  const timeout = 5_000;
  const { nc, jsm } = await connectJetStream(url, timeout, tls, 'national mirror');
  const region = store.region;
  const name = mirrorStreamName(region);
  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      if (isUnavailable(err)) throw new LogUnavailableError(`national mirror unavailable: ${(err as Error).message}`);
      throw err;
    }
  };
  try {
    await requireMirror(jsm, region, url);
  } catch (err) {
    await nc.close();
    throw err;
  }
  const source: RegionLog = {
    headSeq: () => guard(async () => (await jsm.streams.info(name)).state.last_seq),
    append: () => Promise.reject(new LogUnavailableError(readOnlyReason(region))),
    readAfter: (afterSeq, limit, upTo) => guard(async () => readEntries(jsm, name, afterSeq, limit, upTo ?? (await jsm.streams.info(name)).state.last_seq)),
    close: async () => {
      await nc.drain().catch(() => nc.close());
    },
  };

  /** Signed checkpoints read from the mirrored ledger, waiting for the projection to reach their seq. */
  const waiting: Checkpoint[] = [];
  const ledgerName = mirrorLedgerName(region);
  /** The ledger mirror read so far: its creation time (a renewed one is read again from its start) and position. */
  let ledger = { created: '', read: 0 };
  /** Reads what the ledger mirror received since the last call (direct gets, as for the log). */
  const readLedger = async () => {
    const info = await jsm.streams.info(ledgerName);
    if (info.created !== ledger.created) {
      if (ledger.created) log(`national mirror: the ledger mirror of region ${region} was made again; reading it from its start`);
      ledger = { created: info.created, read: 0 };
    }
    for (let from = ledger.read + 1; from <= info.state.last_seq; from += LEDGER_WINDOW) {
      const seqs = Array.from({ length: Math.min(LEDGER_WINDOW, info.state.last_seq - from + 1) }, (_, i) => from + i);
      for (const msg of await Promise.all(seqs.map((seq) => jsm.streams.getMessage(ledgerName, { seq })))) {
        if (!msg) return;
        ledger.read = msg.seq;
        for (const record of JSON.parse(decoder.decode(msg.data)) as LedgerRecord[]) {
          if (!record.checkpoint) continue;
          const problem = record.checkpoint.region === region ? checkpointProblem(record.checkpoint, rootPem) : `a checkpoint of region ${record.checkpoint.region}`;
          if (problem) log(`national mirror: checkpoint at seq ${record.checkpoint.seq} not relayed: ${problem}`);
          else waiting.push(record.checkpoint);
        }
      }
    }
  };

  /** Relays the checkpoints the projection now covers; true when one was relayed. */
  const relay = (): boolean => {
    const head = store.head().seq;
    let relayed = false;
    for (let i = 0; i < waiting.length; ) {
      const checkpoint = waiting[i]!;
      if (checkpoint.seq > head) {
        i++;
        continue;
      }
      waiting.splice(i, 1);
      if (store.hashAt(checkpoint.seq) !== checkpoint.hash) {
        log(`national mirror: checkpoint at seq ${checkpoint.seq} not relayed: its hash differs from the mirrored log's`);
        continue;
      }
      store.checkpoints.save(checkpoint);
      log(`national mirror: relays the checkpoint of region ${region} at seq ${checkpoint.seq}`);
      relayed = true;
    }
    return relayed;
  };

  // A folder that is not a projection of this mirror (another region's copy, a fork) is refused.
  const local = store.head().seq;
  if (local > 0 && (await source.headSeq()) >= local) {
    const [entry] = await source.readAfter(local - 1, 1);
    if (entry?.event.hash !== store.head().hash) {
      await source.close();
      throw new Error(`the folder's region ${region} differs from the national mirror at seq ${local}: it is not a projection of this mirror`);
    }
  }
  const projected = await catchUp(store, source);
  await guard(readLedger);
  relay();
  let following: Promise<boolean> | null = null;
  log(`national mirror ${url}: region ${region} projected to seq ${store.head().seq} (${projected} new); read-only`);
  return {
    log: source,
    /** Projects what the mirror received since, and the checkpoints it covers; true when anything moved. */
    follow: (): Promise<boolean> => {
      // One at a time: the timer and a session's hello may ask together.
      following ??= (async () => {
        const moved = (await catchUp(store, source)) > 0;
        await guard(readLedger).catch((err: Error) => log(`national mirror: the mirrored ledger of region ${region}: ${err.message}`));
        return relay() || moved;
      })().finally(() => (following = null));
      return following;
    },
    close: async () => {
      await source.close();
    },
  };
}
