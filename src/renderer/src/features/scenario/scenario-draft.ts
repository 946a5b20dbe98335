import { MAX_DAYS, MAX_PLANS, simulationScenarioSchema, type SimulationScenario } from '../../../../shared/domain/simulation-scenario';

/**
 * The scenario as the officer edits it: every figure as typed, days counted from 1 as an officer
 * says them ("day 1" is the model's day 0). `scenarioOfDraft` turns it into the scenario the host
 * runs, or names each field that is not yet right, so the editor can mark it and keep "run" off.
 */

export interface AffectedDraft {
  region: string;
  population: string;
  /** First day the people need supplies, from 1. */
  onset: string;
  duration: string;
}

export interface PlanDraft {
  id: string;
  /** "all" or the provinces whose depots may send. */
  sources: 'all' | string[];
  /** Tonnes a day; empty for no limit. */
  transport: string;
  /** Days until what was sent is back; empty for no replenishment. */
  lead: string;
  belowFloor: boolean;
  /** Calls on the onboarded civilian transport units, raising the daily limit by their tonnes. */
  civilian: boolean;
}

export interface ScenarioDraft {
  title: string;
  days: string;
  coldSeason: boolean;
  affected: AffectedDraft[];
  plans: PlanDraft[];
}

export type DraftProblem =
  | { field: 'days'; rule: 'days' }
  | { field: 'affected'; rule: 'none' }
  | { field: 'population' | 'onset' | 'duration'; region: string; rule: 'people' | 'onset' | 'duration' }
  | { field: 'plans'; rule: 'none' | 'too-many' }
  | { field: 'plan-id' | 'plan-sources' | 'plan-transport' | 'plan-lead'; plan: number; rule: 'id' | 'duplicate' | 'sources' | 'transport' | 'lead' };

export type DraftCheck = { ok: true; scenario: SimulationScenario } | { ok: false; problems: DraftProblem[] };

const whole = (text: string): number | null => (/^\s*\d{1,10}\s*$/.test(text) ? Number(text.trim()) : null);
const decimal = (text: string): number | null => (/^\s*\d{1,10}(\.\d+)?\s*$/.test(text) ? Number(text.trim()) : null);

export function draftOfScenario(s: SimulationScenario): ScenarioDraft {
  return {
    title: s.title ?? '',
    days: String(s.days),
    coldSeason: s.coldSeason,
    affected: s.affected.map((a) => ({ region: a.region, population: String(a.population), onset: String(a.onsetDay + 1), duration: String(a.durationDays) })),
    plans: s.plans.map((p) => ({
      id: p.id,
      sources: p.sourceRegions === 'all' ? 'all' : [...p.sourceRegions],
      transport: p.dailyTransportTonnes === null ? '' : String(p.dailyTransportTonnes),
      lead: p.replenishLeadDays === null ? '' : String(p.replenishLeadDays),
      belowFloor: p.belowFloor,
      civilian: p.civilianTransport,
    })),
  };
}

export function scenarioOfDraft(d: ScenarioDraft): DraftCheck {
  const problems: DraftProblem[] = [];
  const days = whole(d.days);
  const daysOk = days !== null && days >= 1 && days <= MAX_DAYS;
  if (!daysOk) problems.push({ field: 'days', rule: 'days' });
  if (d.affected.length === 0) problems.push({ field: 'affected', rule: 'none' });
  const affected = d.affected.map((a) => {
    const population = whole(a.population);
    const onset = whole(a.onset);
    const duration = whole(a.duration);
    if (population === null || population > 2e9) problems.push({ field: 'population', region: a.region, rule: 'people' });
    if (onset === null || onset < 1 || (daysOk && onset > (days as number))) problems.push({ field: 'onset', region: a.region, rule: 'onset' });
    if (duration === null || duration < 1 || duration > MAX_DAYS) problems.push({ field: 'duration', region: a.region, rule: 'duration' });
    return { region: a.region, population: population ?? 0, onsetDay: (onset ?? 1) - 1, durationDays: duration ?? 1 };
  });
  if (d.plans.length === 0) problems.push({ field: 'plans', rule: 'none' });
  if (d.plans.length > MAX_PLANS) problems.push({ field: 'plans', rule: 'too-many' });
  const ids = new Set<string>();
  const plans = d.plans.map((p, i) => {
    const id = p.id.trim();
    if (id.length === 0 || id.length > 64) problems.push({ field: 'plan-id', plan: i, rule: 'id' });
    else if (ids.has(id)) problems.push({ field: 'plan-id', plan: i, rule: 'duplicate' });
    ids.add(id);
    if (p.sources !== 'all' && p.sources.length === 0) problems.push({ field: 'plan-sources', plan: i, rule: 'sources' });
    const transport = p.transport.trim() === '' ? null : decimal(p.transport);
    if (p.transport.trim() !== '' && (transport === null || transport > 1e9)) problems.push({ field: 'plan-transport', plan: i, rule: 'transport' });
    const lead = p.lead.trim() === '' ? null : whole(p.lead);
    if (p.lead.trim() !== '' && (lead === null || lead < 1 || lead > MAX_DAYS)) problems.push({ field: 'plan-lead', plan: i, rule: 'lead' });
    return { id, sourceRegions: p.sources, dailyTransportTonnes: transport, replenishLeadDays: lead, belowFloor: p.belowFloor, civilianTransport: p.civilian };
  });
  if (problems.length > 0) return { ok: false, problems };
  // The shared schema has the last word (the one the host checks again).
  const parsed = simulationScenarioSchema.safeParse({ ...(d.title.trim() ? { title: d.title.trim().slice(0, 200) } : {}), days, affected, plans, coldSeason: d.coldSeason });
  if (!parsed.success) return { ok: false, problems: [{ field: 'days', rule: 'days' }] };
  return { ok: true, scenario: parsed.data };
}

/** A new plan to compare: every province's depots, no limit, within floors, named so it does not clash. */
export function newPlan(plans: readonly PlanDraft[]): PlanDraft {
  let k = plans.length + 1;
  while (plans.some((p) => p.id === `plan-${k}`)) k++;
  return { id: `plan-${k}`, sources: 'all', transport: '', lead: '', belowFloor: false, civilian: false };
}
