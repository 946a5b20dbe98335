import type { InstructionContent } from '../../shared/domain/instruction-schema';
import { NATIONAL_SCOPE } from '../../shared/domain/roles';
import { chinaDay, type IssueIdentity } from '../dispatch/issue-plan';

/**
 * A rotation plan (or the rows an officer kept of it) turned into signed-instruction content:
 * one `rotation` instruction per region of the depots and per rotation month, since each
 * region's server records its own instructions and a month is what its depots act on. A line
 * names the depot as both source (the lot sold out) and destination (the replacement taken in).
 */

export interface RotationIssueRow {
  lot: string;
  depot: string;
  category: string;
  quantity: number;
  /** 'YYYY-MM' */
  month: string;
}

/** A lot holding as the replica has it now. */
export interface RotationHolding {
  lot: string;
  depot: string;
  region: string;
  category: string;
  quantity: number;
}

export interface RotationInstruction {
  region: string;
  month: string;
  instruction: InstructionContent;
}

const key = (lot: string, depot: string) => `${lot}|${depot}`;
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Why the rows cannot be issued, one sentence each (empty when they can): every lot still held
 * at its depot in the replica, of the category named, at least the quantity asked, each
 * quantity a positive whole number, and no lot listed twice.
 */
export function rotationIssueProblems(rows: readonly RotationIssueRow[], holdings: readonly RotationHolding[]): string[] {
  const held = new Map(holdings.map((h) => [key(h.lot, h.depot), h]));
  const seen = new Set<string>();
  const problems: string[] = [];
  rows.forEach((r, i) => {
    const at = `row ${i + 1} (lot ${r.lot} at depot ${r.depot})`;
    if (seen.has(key(r.lot, r.depot))) problems.push(`${at}: the lot is listed twice`);
    seen.add(key(r.lot, r.depot));
    if (!Number.isInteger(r.quantity) || r.quantity <= 0) problems.push(`${at}: quantity ${r.quantity} is not a positive whole number`);
    const h = held.get(key(r.lot, r.depot));
    if (!h) problems.push(`${at}: the replica holds none of this lot at this depot any more`);
    else if (h.category !== r.category) problems.push(`${at}: the lot is ${h.category}, not ${r.category}`);
    else if (h.quantity < r.quantity) problems.push(`${at}: the depot holds ${h.quantity} of the lot, the plan rotates ${r.quantity}`);
  });
  return problems;
}

/** `ROT-<yyyymm>-<yyyymmdd>-<short>-<region>`: the rotation month, the day of issue, one issue's short id. */
export function rotationInstructionId(month: string, now: Date, short: string, region: string): string {
  return `ROT-${month.replace('-', '')}-${chinaDay(now)}-${short}-${region}`;
}

/** One instruction per region and month, in region then month order; lines of one depot and category added up. */
export function rotationInstructions(rows: readonly RotationIssueRow[], holdings: readonly RotationHolding[], who: IssueIdentity, now: Date, short: string): RotationInstruction[] {
  const regionOf = new Map(holdings.map((h) => [key(h.lot, h.depot), h.region]));
  const groups = new Map<string, Map<string, { category: string; quantity: number; fromDepot: string; toDepot: string }>>();
  for (const r of rows) {
    const region = regionOf.get(key(r.lot, r.depot));
    if (!region) throw new Error(`lot ${r.lot} at depot ${r.depot} is not in the replica`);
    const g = `${region}|${r.month}`;
    const lines = groups.get(g) ?? new Map();
    const lk = `${r.depot}|${r.category}`;
    const prev = lines.get(lk);
    lines.set(lk, { category: r.category, quantity: (prev?.quantity ?? 0) + r.quantity, fromDepot: r.depot, toDepot: r.depot });
    groups.set(g, lines);
  }
  return [...groups.keys()].sort(byText).map((g) => {
    const [region, month] = g.split('|') as [string, string];
    const lines = [...(groups.get(g) as Map<string, { category: string; quantity: number; fromDepot: string; toDepot: string }>).values()].sort(
      (a, b) => byText(a.fromDepot, b.fromDepot) || byText(a.category, b.category),
    );
    return {
      region,
      month,
      instruction: {
        id: rotationInstructionId(month, now, short, region),
        kind: 'rotation',
        level: who.region === NATIONAL_SCOPE ? 'central' : 'province',
        issuer: who.subject,
        lines,
      },
    };
  });
}
