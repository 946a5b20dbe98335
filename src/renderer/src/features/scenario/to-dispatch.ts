import type { ScenarioRun } from '../../../../shared/contract';
import type { DispatchPrefill } from '../../dispatch/dispatch-store';

/** The longest scenario the dispatch recommendation takes (its schema's limit). */
export const DISPATCH_MAX_DAYS = 90;

/**
 * A simulated plan as a dispatch scenario: the affected provinces with people to supply, the
 * longest time any of them needs supplies within the horizon (the recommendation plans one
 * shipment for the whole need), the season, and the plan's source provinces. Provinces with no
 * one to supply are left out: the recommendation needs at least one person per region.
 */
export function dispatchPrefillOf(run: ScenarioRun, planId: string): DispatchPrefill | null {
  const plan = run.scenario.plans.find((p) => p.id === planId);
  if (!plan) return null;
  const affected = run.scenario.affected.filter((a) => a.population >= 1);
  if (affected.length === 0) return null;
  const days = Math.max(...affected.map((a) => Math.min(run.scenario.days, a.onsetDay + a.durationDays) - a.onsetDay));
  return {
    plan: plan.id,
    regions: affected.map((a) => a.region),
    people: Object.fromEntries(affected.map((a) => [a.region, a.population])),
    days: Math.max(1, Math.min(DISPATCH_MAX_DAYS, days)),
    coldSeason: run.scenario.coldSeason,
    sourceRegions: plan.sourceRegions === 'all' ? null : [...plan.sourceRegions],
  };
}
