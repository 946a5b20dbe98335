import type { IssueLine, TransportCall } from '../../shared/contract/dispatch-schemas';
import type { CivilianTransportRow } from '../replica/dispatch-queries';
import { haversineKm } from './geo';
import { dispatchInstructionId, isCivilian, type IssueIdentity, type RegionInstruction } from './issue-plan';

/**
 * The civilian transport units a plan calls on, each as an instruction to its holder: recorded by
 * the unit's own region (where the holder's registry session reads it), marked civilian, with the
 * tonnes and days asked and the lines it is to carry: the plan's lines from the state's depots
 * nearest the unit first, whole units, until its tonnes are loaded (the state's fleet carries the
 * rest of the plan).
 */

export interface DepotPlace {
  lon: number;
  lat: number;
}

/** Why the calls cannot be issued (empty when they can): each unit onboarded and available, each asked no more than it carries in the days. */
export function transportCallProblems(calls: readonly TransportCall[], units: ReadonlyMap<string, CivilianTransportRow>): string[] {
  return calls.flatMap((c) => {
    const u = units.get(c.unit);
    if (!u) return [`no civilian transport unit ${c.unit} onboarded and available in the replica (withdrawn, suspended or never onboarded)`];
    const most = u.tonnesPerDay * c.days;
    return c.tonnes > most + 1e-6 ? [`civilian transport unit ${c.unit} carries ${u.tonnesPerDay} t a day, ${most} t in ${c.days} days; the plan asks ${c.tonnes} t`] : [];
  });
}

export function transportInstructions(
  calls: readonly TransportCall[],
  lines: readonly IssueLine[],
  units: ReadonlyMap<string, CivilianTransportRow>,
  depots: ReadonlyMap<string, DepotPlace>,
  tonnesPerUnit: Readonly<Record<string, number>>,
  who: IssueIdentity,
  now: Date,
  short: string,
  level: 'central' | 'province',
): RegionInstruction[] {
  const perRegion = new Map<string, number>();
  return calls.map((call) => {
    const unit = units.get(call.unit);
    if (!unit) throw new Error(`no civilian transport unit ${call.unit} in the replica`);
    const from = (l: IssueLine) => depots.get(l.from);
    const km = (l: IssueLine) => {
      const d = from(l);
      return d ? haversineKm(unit.lon, unit.lat, d.lon, d.lat) : Infinity;
    };
    const candidates = lines
      .filter((l) => !isCivilian(l.from) && from(l) && (tonnesPerUnit[l.category] ?? 0) > 0)
      .sort((a, b) => km(a) - km(b) || (a.from < b.from ? -1 : a.from > b.from ? 1 : 0) || (a.category < b.category ? -1 : 1));
    let left = call.tonnes;
    const carried: { category: string; quantity: number; fromDepot: string; toRegion: string }[] = [];
    for (const l of candidates) {
      if (left <= 1e-9) break;
      const weight = tonnesPerUnit[l.category] as number;
      const quantity = Math.min(l.quantity, Math.ceil(left / weight - 1e-9));
      carried.push({ category: l.category, quantity, fromDepot: l.from, toRegion: l.to });
      left -= quantity * weight;
    }
    if (carried.length === 0) throw new Error(`the plan has no line from a depot for civilian transport unit ${call.unit} to carry`);
    const n = (perRegion.get(unit.region) ?? 0) + 1;
    perRegion.set(unit.region, n);
    const instruction = {
      id: `${dispatchInstructionId(now, short, unit.region)}-T${n}`,
      kind: 'dispatch' as const,
      level,
      issuer: who.subject,
      lines: carried,
      civilian: { holder: unit.owner },
      transport: { unit: call.unit, tonnes: call.tonnes, days: call.days },
    };
    return { region: unit.region, instruction };
  });
}
