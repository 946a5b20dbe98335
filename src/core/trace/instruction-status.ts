/** What an instruction (or one under it) has authorised and moved of one category. */
export interface InstructionUsage {
  category?: string;
  allowed: number;
  movedIn: number;
  movedOut: number;
}

/** Movements recorded under an instruction forwarded from this one (a child, or its children). */
export interface DescendantUsage {
  category: string;
  movedIn: number;
  movedOut: number;
}

export type InstructionStatus = 'issued' | 'acknowledged' | 'executing' | 'done';

/** A transfer counts once (out and in), so progress is the larger of the two directions. */
const movedOf = (u: { movedIn: number; movedOut: number }): number => Math.max(u.movedIn, u.movedOut);

/**
 * issued → acknowledged (its addressee confirmed receipt) → executing → done, from what moved
 * under the instruction and under the instructions forwarded from it: a central instruction a
 * province passed on to its depots is executed by what the depots move under their own ids.
 * Executing once anything moved under it or its descendants; done once the sum covers every line.
 */
export function instructionStatus(
  usage: readonly InstructionUsage[],
  acknowledged = false,
  descendants: readonly DescendantUsage[] = [],
): InstructionStatus {
  const below = new Map<string, number>();
  for (const d of descendants) below.set(d.category, (below.get(d.category) ?? 0) + movedOf(d));
  const moved = usage.map((u) => movedOf(u) + (u.category === undefined ? 0 : (below.get(u.category) ?? 0)));
  const anything = moved.some((m) => m > 0) || descendants.some((d) => movedOf(d) > 0);
  if (!anything) return acknowledged ? 'acknowledged' : 'issued';
  return usage.every((u, k) => (moved[k] ?? 0) >= u.allowed) ? 'done' : 'executing';
}
