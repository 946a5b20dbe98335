import type { Db } from '../replica/open';
import type { DescendantUsage } from './instruction-status';

export type FamilyUsage = DescendantUsage & { allowed: number };

/** Forwarding goes central → province → depot; a deeper chain is bad data, not a reason to loop. */
const MAX_DEPTH = 4;

export interface ChildRow {
  id: string;
  parentId: string;
  region: string;
  level: string;
  issuer: string;
  issuedAt: string;
  acknowledgedBy: string | null;
}

/**
 * The instructions forwarded from others, read at query time: one pass over `instructions` per
 * generation for a whole page of parents (parent_id has no index, and forwarded instructions are
 * few), then their usage by primary key.
 */
export function createInstructionFamily(db: Db) {
  const children = db.prepare<[string], { id: string; parent_id: string; region: string; level: string; issuer: string; issued_at: string; acknowledged_by: string | null }>(
    `SELECT id, parent_id, region, level, issuer, issued_at, acknowledged_by FROM instructions
     WHERE parent_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
  );
  const usage = db.prepare<[string], { instruction_id: string; category: string; allowed: number; moved_in: number; moved_out: number }>(
    `SELECT instruction_id, category, allowed, moved_in, moved_out FROM instruction_usage
     WHERE instruction_id IN (SELECT value FROM json_each(?))`,
  );

  /** Every instruction forwarded from each of `roots`, directly or through another one. */
  const descendants = (roots: readonly string[]): Map<string, ChildRow[]> => {
    const found = new Map<string, ChildRow[]>(roots.map((r) => [r, []]));
    // A page may list a parent and its children both: each instruction can sit under several roots.
    const rootsOf = new Map<string, Set<string>>(roots.map((r) => [r, new Set([r])]));
    let frontier = [...roots];
    for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
      const next = new Set<string>();
      for (const c of children.all(JSON.stringify(frontier))) {
        const mine = rootsOf.get(c.id) ?? new Set<string>();
        rootsOf.set(c.id, mine);
        for (const root of rootsOf.get(c.parent_id) ?? []) {
          if (root === c.id || mine.has(root)) continue;
          mine.add(root);
          found.get(root)?.push({ id: c.id, parentId: c.parent_id, region: c.region, level: c.level, issuer: c.issuer, issuedAt: c.issued_at, acknowledgedBy: c.acknowledged_by });
          next.add(c.id);
        }
      }
      frontier = [...next];
    }
    return found;
  };

  /** What moved under each of `ids`, by category. */
  const usageOf = (ids: readonly string[]): Map<string, FamilyUsage[]> => {
    const byId = new Map<string, FamilyUsage[]>();
    if (ids.length === 0) return byId;
    for (const u of usage.all(JSON.stringify(ids))) {
      const list = byId.get(u.instruction_id) ?? [];
      list.push({ category: u.category, allowed: u.allowed, movedIn: u.moved_in, movedOut: u.moved_out });
      byId.set(u.instruction_id, list);
    }
    return byId;
  };

  return { descendants, usageOf };
}

export type InstructionFamily = ReturnType<typeof createInstructionFamily>;
