import type { RegionalStore } from '../regional-store';
import { openJetStreamLog } from './jetstream-log';
import type { RegionLog } from './region-log';
import { catchUp } from './replicated-append';
import { createSharedLedger } from './shared-ledger';

const MIGRATE_BATCH = 500;

/**
 * A store holding events the log has not (a region moving onto the shared log, or the first
 * server of a seeded region) hands them to the log, provided the log's events are a prefix of
 * its own; a store that disagrees with the log at any seq is refused as a fork.
 */
async function handOver(store: RegionalStore, log: RegionLog): Promise<number> {
  const logHead = await log.headSeq();
  const local = store.head().seq;
  if (local <= logHead) return 0;
  if (logHead > 0) {
    const [last] = await log.readAfter(logHead - 1, 1);
    if (last?.event.hash !== store.hashAt(logHead)) throw new Error(`the local store of region ${store.region} differs from the region log at seq ${logHead}: it is not a projection of this log`);
  }
  let handed = 0;
  for (let from = logHead + 1; from <= local; from += MIGRATE_BATCH) {
    for (const event of store.eventsFrom(from, MIGRATE_BATCH)) {
      await log.append(event);
      handed++;
    }
  }
  return handed;
}

/**
 * Opens the region's shared log and brings the local projection up to its head before the
 * server serves anyone.
 */
export async function openSharedLog(url: string, store: RegionalStore, log: (line: string) => void, tls?: { ca: string; cert: string; key: string }) {
  const shared = await openJetStreamLog({ url, region: store.region, ...(tls ? { tls } : {}) });
  try {
    const handed = await handOver(store, shared);
    const projected = await catchUp(store, shared);
    const ledger = createSharedLedger(store, shared.ledger, log);
    const decided = await ledger.start();
    log(`region log ${url}: ${shared.replicas} replica(s); ${handed} local event(s) handed over, ${projected} projected, ${decided} ledger record(s) of other servers; head seq ${store.head().seq}`);
    return {
      log: shared,
      ledger,
      close: async () => {
        await ledger.flush();
        await shared.close();
      },
    };
  } catch (err) {
    await shared.close();
    throw err;
  }
}
