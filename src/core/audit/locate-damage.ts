import type { Db } from '../replica/open';

/** How far the event log reads before the damage: the last event read in (region, seq) order. */
export type DamageLocation = { kind: 'in-events'; after: { region: string; seq: number } | null } | { kind: 'outside-events' };

/**
 * Reads the event log in its stored order until a page fails: the damage then lies in the
 * events after the last one read. A log read to its end means the damaged page holds other data.
 */
export function locateDamage(db: Db): DamageLocation {
  let last: { region: string; seq: number } | null = null;
  try {
    for (const row of db.prepare('SELECT region, seq FROM events').iterate() as IterableIterator<{ region: string; seq: number }>) last = row;
  } catch {
    return { kind: 'in-events', after: last };
  }
  return { kind: 'outside-events' };
}

export function describeDamageLocation(location: DamageLocation): string {
  if (location.kind === 'outside-events') return 'the event log itself reads to its end (the page holds projected state or an index)';
  if (!location.after) return 'the event log cannot be read from its first event';
  return `the event log reads up to region ${location.after.region} seq ${location.after.seq}; the damage is in the events after it`;
}
