import type { IssueLine } from '../../shared/contract/dispatch-schemas';
import { NATIONAL_SCOPE } from '../../shared/domain/roles';
import type { InstructionContent } from '../../shared/domain/instruction-schema';
import { supplyKey } from './recommend';

/**
 * A plan as the officer left it, turned into instructions: one per region the goods leave from,
 * since each region's server records (and its depots execute) its own instructions.
 */

export interface IssueIdentity {
  /** Certificate subject of the officer, recorded as the issuer. */
  subject: string;
  /** Region of the officer's certificate; 000000 issues at central level. */
  region: string;
}

export interface RegionInstruction {
  region: string;
  instruction: InstructionContent;
}

/**
 * Why the lines cannot be issued, one sentence each (empty when they can): every source depot
 * known, every quantity a positive whole number, and no depot asked for more of a category than
 * it holds above its floor (lines of one depot and category add up).
 */
export function issueProblems(lines: readonly IssueLine[], depotRegion: ReadonlyMap<string, string>, available: ReadonlyMap<string, number>): string[] {
  const problems: string[] = [];
  const asked = new Map<string, number>();
  for (const [i, l] of lines.entries()) {
    if (!Number.isInteger(l.quantity) || l.quantity <= 0) problems.push(`line ${i + 1}: quantity ${l.quantity} of ${l.category} from ${l.from} is not a positive whole number`);
    // Civilian stock (CL-…) is held by its owner, not a depot: no depot instruction can move it.
    if (/^CL-/.test(l.from)) problems.push(`line ${i + 1}: ${l.from} is civilian stock held by its owner; it is not issued as a depot instruction (remove the line to issue the rest)`);
    else if (!depotRegion.has(l.from)) problems.push(`line ${i + 1}: no depot ${l.from} in the replica`);
    asked.set(supplyKey(l.from, l.category), (asked.get(supplyKey(l.from, l.category)) ?? 0) + l.quantity);
  }
  for (const [key, q] of asked) {
    const have = available.get(key) ?? 0;
    if (q > have) {
      const [depot, category] = key.split('|') as [string, string];
      problems.push(`depot ${depot} holds ${have} of ${category} above its safety floor; the plan asks for ${q}`);
    }
  }
  return problems;
}

/** `20260315`: the calendar day in China (UTC+8), which names the instruction. */
export function chinaDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/** `DSP-<yyyymmdd>-<short>-<region>`: one issue's instructions share the day and the short id. */
export function dispatchInstructionId(now: Date, short: string, region: string): string {
  return `DSP-${chinaDay(now)}-${short}-${region}`;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One dispatch instruction per source region, regions in adcode order. Lines of the same depot,
 * category and destination are added into one; each names its source depot and the affected
 * region it goes to. Central level when the officer's scope is national, province otherwise.
 */
export function planInstructions(lines: readonly IssueLine[], depotRegion: ReadonlyMap<string, string>, who: IssueIdentity, now: Date, short: string): RegionInstruction[] {
  const byRegion = new Map<string, Map<string, { category: string; quantity: number; fromDepot: string; toRegion: string }>>();
  for (const l of lines) {
    const region = depotRegion.get(l.from);
    if (!region) throw new Error(`no depot ${l.from} in the replica`);
    const merged = byRegion.get(region) ?? new Map();
    const key = `${l.from}|${l.category}|${l.to}`;
    const prev = merged.get(key);
    merged.set(key, { category: l.category, quantity: (prev?.quantity ?? 0) + l.quantity, fromDepot: l.from, toRegion: l.to });
    byRegion.set(region, merged);
  }
  return [...byRegion.keys()].sort(byText).map((region) => ({
    region,
    instruction: {
      id: dispatchInstructionId(now, short, region),
      kind: 'dispatch',
      level: who.region === NATIONAL_SCOPE ? 'central' : 'province',
      issuer: who.subject,
      lines: [...(byRegion.get(region) as Map<string, { category: string; quantity: number; fromDepot: string; toRegion: string }>).values()].sort(
        (a, b) => byText(a.fromDepot, b.fromDepot) || byText(a.category, b.category) || byText(a.toRegion, b.toRegion),
      ),
    },
  }));
}
