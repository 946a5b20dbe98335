import type { ScenarioRun } from '../../shared/contract/scenario-schemas';
import { PROVINCES } from '../../shared/domain/provinces';
import type { Db } from '../replica/open';

/**
 * The plan comparison of the last scenario run, for the briefing: the scenario in a line per
 * affected province, one row per plan with its summary, and per plan and category what the
 * horizon asked for, what reached the people and what did not. Pure once the category names
 * are read, so a test can check every figure against the run.
 */

export interface ScenarioPlanRow {
  id: string;
  sources: string;
  dailyTransportTonnes: number | null;
  replenishLeadDays: number | null;
  belowFloor: boolean;
  shortfallPersonDays: number;
  transportHours: number;
  cost: number;
  regionsBelowFloor: string[];
}

export interface ScenarioCategoryRow {
  plan: string;
  category: string;
  nameZh: string;
  unit: string;
  demand: number;
  delivered: number;
  shortfall: number;
}

export interface BriefingScenario {
  title: string | null;
  days: number;
  at: string;
  affected: { nameZh: string; population: number; onsetDay: number; durationDays: number }[];
  plans: ScenarioPlanRow[];
  categories: ScenarioCategoryRow[];
}

const provinceZh = new Map(PROVINCES.map((p) => [p.adcode, p.nameZh]));
const nameOf = (adcode: string) => provinceZh.get(adcode) ?? adcode;

/**
 * Over the horizon a daily category's demand adds up day by day; a one-off category's demand on a
 * later day is what is still owed, so its total is the first day's demand and what was delivered
 * is every day's delivery.
 */
export function scenarioSection(run: ScenarioRun, categoryNames: ReadonlyMap<string, string>): BriefingScenario {
  const basis = new Map(run.result.categories.map((c) => [c.code, c]));
  const plans = run.scenario.plans.map((plan): ScenarioPlanRow => {
    const r = run.result.plans.find((p) => p.id === plan.id);
    return {
      id: plan.id,
      sources: plan.sourceRegions === 'all' ? '全部省份' : plan.sourceRegions.map(nameOf).join('、'),
      dailyTransportTonnes: plan.dailyTransportTonnes,
      replenishLeadDays: plan.replenishLeadDays,
      belowFloor: plan.belowFloor,
      shortfallPersonDays: r?.summary.shortfallPersonDays ?? 0,
      transportHours: r?.summary.transportHours ?? 0,
      cost: r?.summary.cost ?? 0,
      regionsBelowFloor: (r?.summary.regionsBelowFloor ?? []).map(nameOf),
    };
  });
  const categories: ScenarioCategoryRow[] = [];
  for (const plan of run.result.plans) {
    for (const c of run.result.categories) {
      const rows = plan.days.filter((d) => d.category === c.code).sort((a, b) => a.day - b.day);
      if (rows.length === 0) continue;
      const delivered = rows.reduce((s, d) => s + d.delivered, 0);
      const demand = basis.get(c.code)?.basis === 'one-off' ? (rows[0]?.demand ?? 0) : rows.reduce((s, d) => s + d.demand, 0);
      categories.push({ plan: plan.id, category: c.code, nameZh: categoryNames.get(c.code) ?? c.code, unit: c.unit, demand, delivered, shortfall: Math.max(0, demand - delivered) });
    }
  }
  return {
    title: run.scenario.title ?? run.result.title ?? null,
    days: run.scenario.days,
    at: run.at,
    affected: run.scenario.affected.map((a) => ({ nameZh: nameOf(a.region), population: a.population, onsetDay: a.onsetDay, durationDays: a.durationDays })),
    plans,
    categories,
  };
}

/** The section from the replica's category names; none without a run. */
export function gatherScenarioSection(db: Db, run: ScenarioRun | undefined): BriefingScenario | undefined {
  if (!run) return undefined;
  const names = new Map(db.prepare<[], { code: string; name_zh: string }>('SELECT code, name_zh FROM categories').all().map((c) => [c.code, c.name_zh]));
  return scenarioSection(run, names);
}
