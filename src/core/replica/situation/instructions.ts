import type { InstructionSummary } from '../../../shared/contract/situation-schemas';
import { createInstructionFamily } from '../../trace/instruction-family';
import { instructionStatus } from '../../trace/instruction-status';
import type { Db } from '../open';

type InstructionRow = {
  id: string;
  region: string;
  kind: string;
  level: string;
  issuer: string;
  issued_at: string;
  lines: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  parent_id: string | null;
};

export function prepareInstructionStatements(db: Db) {
  return {
    // Newest first through the issued_at index; the category test reads each one's lines.
    recent: db.prepare<[{ regions: string; categories: string; limit: number }], InstructionRow>(
      `SELECT id, region, kind, level, issuer, issued_at, lines, acknowledged_by, acknowledged_at, parent_id FROM instructions INDEXED BY instructions_issued
       WHERE region IN (SELECT value FROM json_each(@regions))
         AND EXISTS (SELECT 1 FROM json_each(instructions.lines) j
                     WHERE json_extract(j.value, '$.category') IN (SELECT value FROM json_each(@categories)))
       ORDER BY issued_at DESC, id DESC LIMIT @limit`,
    ),
    usage: db.prepare<[string], { category: string; allowed: number; moved_in: number; moved_out: number }>(
      'SELECT category, allowed, moved_in, moved_out FROM instruction_usage WHERE instruction_id = ?',
    ),
    /** A parent's status rolls up what moved under the instructions forwarded from it. */
    family: createInstructionFamily(db),
  };
}

export type InstructionStatements = ReturnType<typeof prepareInstructionStatements>;

/** The newest instructions of the regions and categories in scope, with their status. */
export function recentInstructions(s: InstructionStatements, regions: readonly string[], categories: readonly string[], limit: number): InstructionSummary[] {
  const rows = s.recent.all({ regions: JSON.stringify(regions), categories: JSON.stringify(categories), limit });
  const family = s.family.descendants(rows.map((i) => i.id));
  const moved = s.family.usageOf([...family.values()].flat().map((c) => c.id));
  return rows.map((i) => {
    const lines = JSON.parse(i.lines) as { category: string; quantity: number; fromDepot?: string; toDepot?: string }[];
    const usage = s.usage.all(i.id).map((u) => ({ category: u.category, allowed: u.allowed, movedIn: u.moved_in, movedOut: u.moved_out }));
    return {
      id: i.id,
      region: i.region,
      kind: i.kind,
      level: i.level,
      issuer: i.issuer,
      issuedAt: i.issued_at,
      lines: lines.length,
      quantity: lines.reduce((a, l) => a + l.quantity, 0),
      categories: [...new Set(lines.map((l) => l.category))],
      status: instructionStatus(usage, i.acknowledged_by !== null, (family.get(i.id) ?? []).flatMap((c) => moved.get(c.id) ?? [])),
      acknowledgedBy: i.acknowledged_by,
      acknowledgedAt: i.acknowledged_at,
      parentId: i.parent_id,
      forwarded: family.get(i.id)?.length ?? 0,
      depots: [...new Set(lines.flatMap((l) => [l.fromDepot, l.toDepot]).filter((d): d is string => typeof d === 'string'))],
    };
  });
}
