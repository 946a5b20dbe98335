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

/** Civilian stock of the registry (`CL-…`), held by its owner for the state, not by a depot. */
export const isCivilian = (source: string): boolean => source.startsWith('CL-');

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
    if (!depotRegion.has(l.from)) {
      problems.push(
        isCivilian(l.from)
          ? `line ${i + 1}: no civilian stock ${l.from} onboarded and available in the replica (withdrawn, suspended or never onboarded)`
          : `line ${i + 1}: no depot ${l.from} in the replica`,
      );
    }
    asked.set(supplyKey(l.from, l.category), (asked.get(supplyKey(l.from, l.category)) ?? 0) + l.quantity);
  }
  for (const [key, q] of asked) {
    const have = available.get(key) ?? 0;
    if (q > have) {
      const [depot, category] = key.split('|') as [string, string];
      problems.push(
        isCivilian(depot)
          ? `civilian stock ${depot} holds ${have} of ${category} onboarded; the plan asks for ${q}`
          : `depot ${depot} holds ${have} of ${category} above its safety floor; the plan asks for ${q}`,
      );
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

/** Central level when the officer's scope is national, province otherwise. */
export const issueLevel = (who: IssueIdentity): 'central' | 'province' => (who.region === NATIONAL_SCOPE ? 'central' : 'province');

type DepotLine = { category: string; quantity: number; fromDepot: string; toRegion: string };
type CivilianLine = { category: string; quantity: number; fromCivilian: string; toRegion: string };

/** Adds lines of one source, category and destination into one. */
function merge<L extends { category: string; quantity: number; toRegion: string }>(into: Map<string, L>, source: string, line: L): void {
  const key = `${source}|${line.category}|${line.toRegion}`;
  const prev = into.get(key);
  into.set(key, prev ? { ...prev, quantity: prev.quantity + line.quantity } : line);
}

const bySource = (a: { category: string; toRegion: string }, b: { category: string; toRegion: string }, sa: string, sb: string) =>
  byText(sa, sb) || byText(a.category, b.category) || byText(a.toRegion, b.toRegion);

/**
 * One dispatch instruction per source region, regions in adcode order. Lines of the same depot,
 * category and destination are added into one; each names its source depot and the affected
 * region it goes to. Central level when the officer's scope is national, province otherwise.
 * Lines from civilian stock go to instructions of their own, one per region and holder
 * (`…-<region>-C1`, `-C2`, …): marked civilian, addressed to the owner who holds the stock, each
 * line naming the civilian lot it calls on (`fromCivilian`) instead of a depot.
 */
export function planInstructions(
  lines: readonly IssueLine[],
  depotRegion: ReadonlyMap<string, string>,
  who: IssueIdentity,
  now: Date,
  short: string,
  holders: ReadonlyMap<string, string> = new Map(),
): RegionInstruction[] {
  const byRegion = new Map<string, Map<string, DepotLine>>();
  const civilian = new Map<string, Map<string, Map<string, CivilianLine>>>();
  for (const l of lines) {
    const region = depotRegion.get(l.from);
    if (!region) throw new Error(`no depot ${l.from} in the replica`);
    if (isCivilian(l.from)) {
      const holder = holders.get(l.from);
      if (!holder) throw new Error(`no holder of civilian stock ${l.from} in the replica`);
      const ofRegion = civilian.get(region) ?? new Map<string, Map<string, CivilianLine>>();
      const merged = ofRegion.get(holder) ?? new Map<string, CivilianLine>();
      merge(merged, l.from, { category: l.category, quantity: l.quantity, fromCivilian: l.from, toRegion: l.to });
      ofRegion.set(holder, merged);
      civilian.set(region, ofRegion);
      continue;
    }
    const merged = byRegion.get(region) ?? new Map<string, DepotLine>();
    merge(merged, l.from, { category: l.category, quantity: l.quantity, fromDepot: l.from, toRegion: l.to });
    byRegion.set(region, merged);
  }
  const level = issueLevel(who);
  const out: RegionInstruction[] = [];
  for (const region of [...new Set([...byRegion.keys(), ...civilian.keys()])].sort(byText)) {
    const id = dispatchInstructionId(now, short, region);
    const depotLines = byRegion.get(region);
    if (depotLines) {
      const sorted = [...depotLines.values()].sort((a, b) => bySource(a, b, a.fromDepot, b.fromDepot));
      out.push({ region, instruction: { id, kind: 'dispatch', level, issuer: who.subject, lines: sorted } });
    }
    const holdersOfRegion = civilian.get(region);
    if (!holdersOfRegion) continue;
    [...holdersOfRegion.keys()].sort(byText).forEach((holder, i) => {
      const sorted = [...(holdersOfRegion.get(holder) as Map<string, CivilianLine>).values()].sort((a, b) => bySource(a, b, a.fromCivilian, b.fromCivilian));
      out.push({ region, instruction: { id: `${id}-C${i + 1}`, kind: 'dispatch', level, issuer: who.subject, lines: sorted, civilian: { holder } } });
    });
  }
  return out;
}
