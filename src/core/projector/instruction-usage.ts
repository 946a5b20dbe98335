import type { PayloadOf } from '../../shared/domain/events';
import { raiseAlert } from './alerts';
import type { BatchState } from './batch-state';
import type { Ctx } from './refusal';

/** Excess above this share of the authorised quantity is critical rather than a warning. */
const CRITICAL_EXCESS_SHARE = 0.1;

/** Records what an instruction authorises per category, summed over its lines. */
export function recordInstructionLines(b: BatchState, region: string, p: PayloadOf<'instruction.issued'>): void {
  const allowed = new Map<string, number>();
  for (const line of p.lines) allowed.set(line.category, (allowed.get(line.category) ?? 0) + line.quantity);
  for (const [category, quantity] of allowed) b.insertUsage(p.id, category, region, quantity);
}

/**
 * Adds a movement to its instruction's running total in one direction (into stock: intake and
 * the new lot of a rotation; out of stock: issue, transfer out, the old lot of a rotation,
 * disposal). A transfer's receiving leg is bounded by the transfer itself, so it is not counted.
 * Exceeding what the instruction authorises is not refused (the goods have moved) but raises
 * an anomaly alert on the movement.
 */
export function countAgainstInstruction(
  { s, b, event }: Ctx,
  move: { direction: 'in' | 'out'; category: string; quantity: number; lotId: string; depot: string },
): void {
  const id = event.instructionId ?? '';
  const row = b.countUsage(move.direction, id, move.category, move.quantity);
  const base = { kind: 'anomaly' as const, key: move.direction, depot: move.depot, lot: move.lotId };
  if (!row) {
    raiseAlert(s, event, {
      ...base,
      severity: 'critical',
      detail: { instruction: id, category: move.category, quantity: move.quantity, reason: `instruction ${id} has no line for ${move.category}` },
    });
    return;
  }
  if (row.moved <= row.allowed) return;
  const excess = row.moved - row.allowed;
  raiseAlert(s, event, {
    ...base,
    severity: excess > CRITICAL_EXCESS_SHARE * row.allowed ? 'critical' : 'warning',
    detail: {
      instruction: id,
      category: move.category,
      direction: move.direction,
      allowed: row.allowed,
      moved: row.moved,
      reason: `movements ${move.direction === 'in' ? 'into' : 'out of'} stock under ${id} total ${row.moved} of ${move.category}; its lines allow ${row.allowed}`,
    },
  });
}
