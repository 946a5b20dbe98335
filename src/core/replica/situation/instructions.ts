import type { InstructionSummary } from '../../../shared/contract/situation-schemas';
import type { Db } from '../open';

export function prepareInstructionStatements(db: Db) {
  return {
    // Newest first through the issued_at index; the category test reads each one's lines.
    recent: db.prepare<[{ regions: string; categories: string; limit: number }], { id: string; region: string; kind: string; level: string; issuer: string; issued_at: string; lines: string }>(
      `SELECT id, region, kind, level, issuer, issued_at, lines FROM instructions INDEXED BY instructions_issued
       WHERE region IN (SELECT value FROM json_each(@regions))
         AND EXISTS (SELECT 1 FROM json_each(instructions.lines) j
                     WHERE json_extract(j.value, '$.category') IN (SELECT value FROM json_each(@categories)))
       ORDER BY issued_at DESC, id DESC LIMIT @limit`,
    ),
  };
}

export type InstructionStatements = ReturnType<typeof prepareInstructionStatements>;

/** The newest instructions of the regions and categories in scope. */
export function recentInstructions(s: InstructionStatements, regions: readonly string[], categories: readonly string[], limit: number): InstructionSummary[] {
  return s.recent.all({ regions: JSON.stringify(regions), categories: JSON.stringify(categories), limit }).map((i) => {
    const lines = JSON.parse(i.lines) as { category: string; quantity: number }[];
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
    };
  });
}
