import type { NationalKpis, Situation } from '../../../shared/contract/situation-schemas';
import type { SituationFilter } from '../../../shared/contract/situation-schemas';
import { planCompletion, personsSupported } from '../../../shared/domain/reserve-figures';
import type { SituationFacts } from './facts';

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;
/** A level I raised by one officer heads the list: it waits on a person, not on stock. */
const firstKind = (a: { kind: string }): number => (a.kind === 'break-glass' ? 0 : 1);

/** Provinces the risk-band filter keeps; the band is derived, so it narrows the regions SQL returned. */
function keptRegions(facts: SituationFacts, filter: SituationFilter): Set<string> {
  const provinces = filter.riskBands.length === 0 ? facts.provinces : facts.provinces.filter((p) => filter.riskBands.includes(p.riskBand));
  return new Set(provinces.map((p) => p.adcode));
}

export function cutSnapshot(facts: SituationFacts, filter: SituationFilter): Situation {
  const kept = keptRegions(facts, filter);
  const alerts = facts.alerts
    .filter((a) => kept.has(a.region))
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || firstKind(a) - firstKind(b) || b.raisedAt.localeCompare(a.raisedAt) || a.id.localeCompare(b.id));
  return {
    dataVersion: facts.stamp.dataVersion,
    asOf: facts.stamp.asOf,
    provinces: facts.provinces.filter((p) => kept.has(p.adcode)),
    depots: facts.depots.filter((d) => kept.has(d.region)),
    transfers: facts.transfers.filter((t) => t.region !== undefined && kept.has(t.region)),
    alerts,
  };
}

export function cutKpis(facts: SituationFacts, filter: SituationFilter): NationalKpis {
  const kept = keptRegions(facts, filter);
  const provinces = facts.provinces.filter((p) => kept.has(p.adcode));
  const personsSupportedByClass: Record<string, number> = {};
  const planCompletionByClass: Record<string, number> = {};
  let held = 0;
  let planned = 0;
  for (const k of facts.scope.classes) {
    let heldPd = 0;
    let plannedPd = 0;
    for (const region of kept) {
      heldPd += facts.personDays.get(region)?.get(k) ?? 0;
      plannedPd += facts.plannedPersonDays.get(region)?.get(k) ?? 0;
    }
    personsSupportedByClass[k] = personsSupported(heldPd, k);
    const completion = planCompletion(heldPd, plannedPd);
    if (completion !== null) planCompletionByClass[k] = completion;
    held += heldPd;
    planned += plannedPd;
  }
  let within30 = 0;
  let within90 = 0;
  for (const region of kept) {
    within30 += facts.expiringLots.get(region)?.within30 ?? 0;
    within90 += facts.expiringLots.get(region)?.within90 ?? 0;
  }
  return {
    asOf: facts.stamp.asOf,
    dataVersion: facts.stamp.dataVersion,
    personsSupportedByClass,
    planCompletionByClass,
    planCompletion: planCompletion(held, planned),
    depotsUnderFloor: provinces.reduce((n, p) => n + p.depotsUnderFloor, 0),
    lotsExpiring30: within30,
    lotsExpiring90: within90,
    openAlerts: provinces.reduce((n, p) => n + p.openAlerts, 0),
    regionsInEmergency: provinces.filter((p) => p.emergencyLevel !== 'normal').length,
  };
}
