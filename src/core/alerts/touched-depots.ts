import type { SealedEvent } from '../../shared/domain/events';

/** The depots whose stock or registration a batch of events changed, each with the time of the last event that touched it. */
export function touchedDepots(events: readonly SealedEvent[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of events) {
    const p = e.payload as { depot?: unknown; fromDepot?: unknown; toDepot?: unknown; code?: unknown };
    for (const d of [p.depot, p.fromDepot, p.toDepot, e.type === 'depot.registered' ? p.code : undefined]) if (typeof d === 'string') out.set(d, e.eventTime);
  }
  return out;
}
