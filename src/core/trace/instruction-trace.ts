import type { InstructionTrace } from '../../shared/contract/trace-schemas';
import type { Db } from '../replica/open';
import { createInstructionFamily, type ChildRow, type FamilyUsage } from './instruction-family';
import { instructionStatus } from './instruction-status';
import type { TraceRows } from './trace-rows';

interface InstructionRow {
  id: string;
  region: string;
  kind: string;
  level: string;
  issuer: string;
  lines: string;
  issued_at: string;
  seq: number;
  acknowledged_by: string | null;
  parent_id: string | null;
}

export { instructionStatus } from './instruction-status';

export function createInstructionTrace(db: Db, rows: TraceRows) {
  const instruction = db.prepare<[string], InstructionRow>('SELECT * FROM instructions WHERE id = ?');
  const usage = db.prepare<[string], { category: string; allowed: number; moved_in: number; moved_out: number }>(
    'SELECT category, allowed, moved_in, moved_out FROM instruction_usage WHERE instruction_id = ? ORDER BY category',
  );

  const family = createInstructionFamily(db);

  /** Each forwarded instruction with the status its own movements and those under it give. */
  const childrenOf = (list: readonly ChildRow[]): InstructionTrace['children'] => {
    const moved = family.usageOf(list.map((c) => c.id));
    const parentOf = new Map(list.map((c) => [c.id, c.parentId]));
    const under = (ancestor: string, id: string): boolean => {
      for (let p = parentOf.get(id); p !== undefined; p = parentOf.get(p)) if (p === ancestor) return true;
      return false;
    };
    return list.map((c) => {
      const below: FamilyUsage[] = list.filter((d) => under(c.id, d.id)).flatMap((d) => moved.get(d.id) ?? []);
      const status = instructionStatus(moved.get(c.id) ?? [], c.acknowledgedBy !== null, below);
      return { id: c.id, parentId: c.parentId, region: c.region, level: c.level, issuer: c.issuer, issuedAt: c.issuedAt, status };
    });
  };

  return (id: string): InstructionTrace | null => {
    const i = instruction.get(id);
    if (!i) return null;
    const issued = rows.at(i.region, i.seq);
    const events = [...(issued ? [issued] : []), ...rows.ofInstruction(id)];
    const lots = new Set<string>();
    for (const e of events) for (const d of e.deltas) lots.add(d.lotId);
    for (const e of events) if (e.lotId) lots.add(e.lotId);
    const broken = events.filter((e) => e.chain === 'broken').length;
    const used = usage.all(id).map((u) => ({ category: u.category, allowed: u.allowed, movedIn: u.moved_in, movedOut: u.moved_out }));
    const forwarded = family.descendants([id]).get(id) ?? [];
    const below = [...family.usageOf(forwarded.map((c) => c.id)).values()].flat();
    return {
      instruction: {
        id: i.id,
        region: i.region,
        kind: i.kind,
        level: i.level,
        issuer: i.issuer,
        issuedAt: i.issued_at,
        seq: i.seq,
        lines: JSON.parse(i.lines) as InstructionTrace['instruction']['lines'],
        status: instructionStatus(used, i.acknowledged_by !== null, below),
        acknowledgedBy: i.acknowledged_by,
        parentId: i.parent_id,
      },
      children: childrenOf(forwarded),
      usage: used,
      events,
      lots: [...lots].sort(),
      alerts: events.flatMap((e) => rows.alertsAt(e.region, e.seq)),
      chain: { ok: broken === 0, broken },
    };
  };
}
