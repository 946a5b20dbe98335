import type { InstructionTrace } from '../../shared/contract/trace-schemas';
import type { Db } from '../replica/open';
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
}

/**
 * issued → acknowledged (its addressee confirmed receipt) → executing → done. A transfer counts
 * once (out and in), so progress per line is the larger of the two directions.
 */
export function instructionStatus(
  usage: readonly { allowed: number; movedIn: number; movedOut: number }[],
  acknowledged = false,
): 'issued' | 'acknowledged' | 'executing' | 'done' {
  const moved = usage.map((u) => Math.max(u.movedIn, u.movedOut));
  if (moved.every((m) => m === 0)) return acknowledged ? 'acknowledged' : 'issued';
  return usage.every((u, k) => (moved[k] ?? 0) >= u.allowed) ? 'done' : 'executing';
}

export function createInstructionTrace(db: Db, rows: TraceRows) {
  const instruction = db.prepare<[string], InstructionRow>('SELECT * FROM instructions WHERE id = ?');
  const usage = db.prepare<[string], { category: string; allowed: number; moved_in: number; moved_out: number }>(
    'SELECT category, allowed, moved_in, moved_out FROM instruction_usage WHERE instruction_id = ? ORDER BY category',
  );

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
        status: instructionStatus(used, i.acknowledged_by !== null),
      },
      usage: used,
      events,
      lots: [...lots].sort(),
      alerts: events.flatMap((e) => rows.alertsAt(e.region, e.seq)),
      chain: { ok: broken === 0, broken },
    };
  };
}
