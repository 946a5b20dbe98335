import type { InstructionContent } from '../../shared/domain/instruction-schema';
import type { CommandState, InstructionRow } from './command-state';
import { refused, type Refused } from './outcome';

/** Forwarding passes an instruction down, never up or sideways. */
const RANK: Record<string, number> = { central: 0, province: 1, depot: 2 };

type Line = InstructionRow['lines'][number];
/** A forwarded line is within a parent line of the same category, source and destination depot. */
const keyOf = (l: Line): string => JSON.stringify([l.category, l.fromDepot ?? null, l.toDepot ?? null]);
const describe = (l: Line): string => [l.category, l.fromDepot && `from ${l.fromDepot}`, l.toDepot && `to ${l.toDepot}`].filter(Boolean).join(' ');

const totals = (lines: readonly Line[]): Map<string, number> => {
  const sum = new Map<string, number>();
  for (const l of lines) sum.set(keyOf(l), (sum.get(keyOf(l)) ?? 0) + l.quantity);
  return sum;
};

/**
 * The checks of an instruction that forwards another (`parentId`): the parent is an instruction
 * of this region at a higher level, and the forwarded lines, with what was already forwarded
 * from it, stay within the parent's lines. Null when the instruction forwards nothing.
 */
export function checkForward(i: InstructionContent, region: string, state: CommandState): Refused | null {
  if (i.parentId === undefined) return null;
  const parent = state.instruction(i.parentId);
  if (!parent || parent.region !== region) return refused('unknown-parent', `instruction ${i.id} forwards ${i.parentId}, which is not an instruction of region ${region}`);
  if ((RANK[i.level] ?? 0) <= (RANK[parent.level] ?? 0)) {
    return refused('parent-level', `instruction ${i.id} is ${i.level}-level; what forwards ${parent.level}-level ${i.parentId} must be of a lower level`);
  }
  const allowed = totals(parent.lines);
  const taken = totals(state.forwardedLines(i.parentId));
  const asked = new Map<string, number>();
  for (const line of i.lines) {
    const key = keyOf(line);
    const limit = allowed.get(key);
    if (limit === undefined) return refused('beyond-parent', `${i.parentId} has no line for ${describe(line)}`);
    asked.set(key, (asked.get(key) ?? 0) + line.quantity);
    const left = limit - (taken.get(key) ?? 0);
    if ((asked.get(key) ?? 0) > left) {
      return refused('beyond-parent', `${i.id} asks ${asked.get(key) ?? 0} of ${describe(line)}; ${i.parentId} allows ${limit}, of which ${left} is not yet forwarded`);
    }
  }
  return null;
}
