import { createHash } from 'node:crypto';
import { instructionSchema, type InstructionContent } from '../../shared/domain/instruction-schema';
import { DispatchInputError } from './errors';

const MAX_ID = 64;

/**
 * `<parentId>-D<n>`: a forwarded instruction's id says where it comes from. A parent id too long
 * for the suffix is shortened and marked with a digest of the whole, so ids stay distinct.
 */
export function forwardId(parentId: string, n: number): string {
  const suffix = `-D${n}`;
  if (parentId.length + suffix.length <= MAX_ID) return `${parentId}${suffix}`;
  const digest = createHash('sha256').update(parentId).digest('hex').slice(0, 6);
  return `${parentId.slice(0, MAX_ID - suffix.length - digest.length - 1)}~${digest}${suffix}`;
}

export interface ForwardParent {
  id: string;
  kind: string;
  lines: InstructionContent['lines'];
}

/**
 * A parent instruction passed on to the depot level: one instruction per depot of the region its
 * lines name (the operator of each acknowledges and executes their own), each with that depot's
 * lines unchanged, in depot order. Lines naming no depot of the region stay with the parent.
 */
export function planForward(parent: ForwardParent, inRegion: (depot: string) => boolean, issuer: string): { depot: string; instruction: InstructionContent }[] {
  const byDepot = new Map<string, InstructionContent['lines']>();
  for (const line of parent.lines) {
    const depot = [line.fromDepot, line.toDepot].find((d): d is string => d !== undefined && inRegion(d));
    if (depot === undefined) continue;
    byDepot.set(depot, [...(byDepot.get(depot) ?? []), line]);
  }
  if (byDepot.size === 0) throw new DispatchInputError(`instruction ${parent.id} names no depot of this region to forward to`);
  return [...byDepot.keys()].sort().map((depot, k) => ({
    depot,
    instruction: instructionSchema.parse({ id: forwardId(parent.id, k + 1), kind: parent.kind, level: 'depot', issuer, lines: byDepot.get(depot), parentId: parent.id }),
  }));
}
