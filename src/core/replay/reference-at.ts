import type { Db } from '../replica/open';
import type { RegionCut } from './clock';

type RefRow = { region: string; seq: number; type: string; key: string; payload: string };

/** Declarations of one kind of entity, each with the region log and seq that made it. */
export type Declarations = Map<string, RefRow[]>;

export function prepareReference(db: Db) {
  const all = db.prepare<[], RefRow>('SELECT region, seq, type, key, payload FROM replay_reference ORDER BY region, seq');
  /** Reference declarations by type, then key, in log order. */
  return (): Map<string, Declarations> => {
    const byType = new Map<string, Declarations>();
    for (const r of all.iterate()) {
      let byKey = byType.get(r.type);
      if (!byKey) byType.set(r.type, (byKey = new Map()));
      const list = byKey.get(r.key) ?? [];
      list.push(r);
      byKey.set(r.key, list);
    }
    return byType;
  };
}

const visible = (r: RefRow, cuts: ReadonlyMap<string, RegionCut>) => r.seq <= (cuts.get(r.region)?.seq ?? 0);

/**
 * An entity as of the cut: the payload of its latest declaration at or before it; `absent` when
 * every declaration came later (in a log indexed from its start); `current` when none is stored
 * (the entity came with a snapshot, before the replay floor).
 */
export function declarationAt(
  list: readonly RefRow[] | undefined,
  cuts: ReadonlyMap<string, RegionCut>,
): { kind: 'payload'; payload: Record<string, unknown> } | { kind: 'absent' } | { kind: 'current' } {
  if (!list || list.length === 0) return { kind: 'current' };
  let latest: RefRow | null = null;
  for (const r of list) if (visible(r, cuts) && (!latest || r.seq > latest.seq)) latest = r;
  if (latest) return { kind: 'payload', payload: JSON.parse(latest.payload) as Record<string, unknown> };
  const first = list[0];
  return first && (cuts.get(first.region)?.base ?? 0) > 0 ? { kind: 'current' } : { kind: 'absent' };
}

/** A region's emergency level as of the cut: the last change before it, else what the first change after it left. */
export function levelAt(list: readonly RefRow[] | undefined, cuts: ReadonlyMap<string, RegionCut>, current: string): string {
  if (!list || list.length === 0) return current;
  let before: RefRow | null = null;
  let after: RefRow | null = null;
  for (const r of list) {
    if (visible(r, cuts)) before = r;
    else after ??= r;
  }
  if (before) return String((JSON.parse(before.payload) as { toLevel?: unknown }).toLevel ?? current);
  if (after) return String((JSON.parse(after.payload) as { fromLevel?: unknown }).fromLevel ?? current);
  return current;
}
