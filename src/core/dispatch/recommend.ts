import type {
  BindingDepot,
  CategoryBalance,
  DispatchNote,
  DispatchRecommendation,
  DispatchScenario,
  PlanFlow,
  PlanShortfall,
} from '../../shared/contract/dispatch-schemas';
import { PROVINCES } from '../../shared/domain/provinces';
import type { CivilianTransportRow, DispatchCategoryRow, DispatchRows } from '../replica/dispatch-queries';
import { DispatchInputError } from './errors';
import type { NormsFile } from './norms';
import type { DispatchProblem, DispatchSolution } from './problem';
import { explainTransport } from './transport-explanation';
import { buildScenarioProblem, provinceArea } from './scenario';
import { supplyAboveFloor } from './supply';

/**
 * A scenario turned into a plan an officer can read, edit and issue. Instructions carry whole
 * units, so supply is taken down and demand up to whole units before the solve: with integral
 * supply and demand the transportation LP has integral vertices, and the simplex answer needs
 * only the solver's rounding noise removed.
 */

/** Categories the scenario's norms ask for (cold-season items only in the cold season). */
export function neededCategories(scenario: Pick<DispatchScenario, 'coldSeason'>, norms: NormsFile): string[] {
  return [...new Set(norms.norms.filter((n) => n.season === 'any' || scenario.coldSeason).map((n) => n.category))].sort();
}

export interface ScenarioSupply {
  problem: DispatchProblem;
  /** Whole units above floor per depot and category (`depot|category`), every depot that has any. */
  available: Map<string, number>;
}

export const supplyKey = (depot: string, category: string): string => `${depot}|${category}`;

/** A depot with what it can give: whole units above its floor of the categories asked for (none: empty). */
export interface SupplyDepot {
  code: string;
  region: string;
  nameZh: string;
  nameEn: string;
  lon: number;
  lat: number;
  supply: Record<string, number>;
  /** Civilian stock held by its owner for the state: optional supply at its own cost. */
  civilian?: true;
  /** The owner holding civilian stock: whom an instruction calling on it is addressed to. */
  holder?: string;
}

/**
 * What calling on civilian stock costs, in the plan's unit (hours per unit moved): state stock
 * within a day's more travel is used first, civilian stock before anything is left short.
 */
export const CIVILIAN_EXTRA_HOURS = 24;

/** What a tonne carried by civilian lorries costs, in the same unit: the state's fleet first, civilian lorries before a shortfall. */
export const CIVILIAN_TRANSPORT_HOURS_PER_TONNE = 24;

/**
 * What a recommendation needs from the replica, computed next to the data (in the replica
 * worker): every depot with its whole supply above floor, and the categories. A few thousand
 * small objects instead of the stock and intake rows of a national replica.
 */
export interface DispatchSupply {
  depots: SupplyDepot[];
  categories: DispatchCategoryRow[];
  /** Onboarded civilian transport units, in tonnes per day. */
  transport?: CivilianTransportRow[];
  /** Tonnes per unit by category (the cost model's), for a scenario that limits transport. */
  tonnesPerUnit?: Record<string, number>;
}

export function dispatchSupply(rows: DispatchRows, categories: readonly string[]): DispatchSupply {
  const available = wholeSupply(rows, categories);
  const byDepot = new Map<string, Record<string, number>>();
  for (const [key, q] of available) {
    const [depot, category] = key.split('|') as [string, string];
    const supply = byDepot.get(depot) ?? {};
    supply[category] = q;
    byDepot.set(depot, supply);
  }
  // Civilian stock has no safety floor of the state's: what was onboarded, in whole units.
  const wanted = new Set(categories);
  const civilian: SupplyDepot[] = (rows.civilian ?? [])
    .filter((c) => wanted.has(c.category) && Math.floor(c.quantity) > 0)
    .map((c) => ({ code: c.resourceId, region: c.region, nameZh: c.name, nameEn: c.name, lon: c.lon, lat: c.lat, supply: { [c.category]: Math.floor(c.quantity) }, civilian: true, holder: c.owner }));
  return {
    depots: [...rows.depots.map((d) => ({ code: d.code, region: d.region, nameZh: d.nameZh, nameEn: d.nameEn, lon: d.lon, lat: d.lat, supply: byDepot.get(d.code) ?? {} })), ...civilian],
    categories: rows.categories,
    transport: rows.transport ?? [],
  };
}

/** Whole units above floor per `depot|category`. */
export function availableOf(supply: DispatchSupply): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of supply.depots) for (const [category, q] of Object.entries(d.supply)) out.set(supplyKey(d.code, category), q);
  return out;
}

/** Whole units each depot holds above its floor of the categories asked for. */
export function wholeSupply(rows: DispatchRows, categories: readonly string[]): Map<string, number> {
  const above = supplyAboveFloor({
    depots: rows.depots,
    stock: rows.stock,
    intake: rows.intake,
    categories: rows.categories,
    only: new Set(categories),
  });
  const out = new Map<string, number>();
  for (const d of above) {
    for (const [category, q] of Object.entries(d.supply)) {
      // 1e-9 of slack: a floor share like 0.3 × 1000 is not exactly 300 in binary.
      const whole = Math.floor(q + 1e-9);
      if (whole > 0) out.set(supplyKey(d.id, category), whole);
    }
  }
  return out;
}

/** The dispatch problem of a scenario on the depots' whole supply above floor. */
export function scenarioProblem(scenario: DispatchScenario, supply: DispatchSupply, norms: NormsFile): ScenarioSupply {
  const needed = new Set(neededCategories(scenario, norms));
  const depots = supply.depots
    .map((d) => ({
      id: d.code,
      lon: d.lon,
      lat: d.lat,
      supply: Object.fromEntries(Object.entries(d.supply).filter(([c, q]) => needed.has(c) && q > 0)),
      ...(d.civilian ? { extraHours: CIVILIAN_EXTRA_HOURS } : {}),
    }))
    .filter((d) => Object.keys(d.supply).length > 0);
  const available = new Map(depots.flatMap((d) => Object.entries(d.supply).map(([c, q]) => [supplyKey(d.id, c), q] as const)));
  const areas = scenario.regions.map((r) => provinceArea(r, scenario.population[r]));
  const problem = buildScenarioProblem(
    { areas, durationDays: scenario.durationDays, coldSeason: scenario.coldSeason },
    depots,
    norms,
    { ...(scenario.roadFactor !== undefined ? { roadFactor: scenario.roadFactor } : {}), ...(scenario.speedKmh !== undefined ? { speedKmh: scenario.speedKmh } : {}) },
  );
  const demands = problem.demands.map((p) => ({
    ...p,
    demand: Object.fromEntries(Object.entries(p.demand).map(([c, q]) => [c, Math.ceil(q - 1e-9)])),
  }));
  const transport = scenario.transport ? transportLimit(scenario.transport, supply, [...needed]) : undefined;
  return { problem: { ...problem, demands, ...(transport ? { transport } : {}) }, available };
}

/** The problem's transport row for a scenario's lorries: the state's fleet and, when allowed, the civilian units, over the delivery days. */
function transportLimit(t: NonNullable<DispatchScenario['transport']>, supply: DispatchSupply, categories: readonly string[]): NonNullable<DispatchProblem['transport']> {
  const weights = supply.tonnesPerUnit ?? {};
  const unweighed = categories.filter((c) => weights[c] === undefined).sort();
  if (unweighed.length > 0) throw new DispatchInputError(`transport is limited but the cost model gives no tonnes per unit for ${unweighed.join(', ')}`);
  const civilianPerDay = t.civilian ? (supply.transport ?? []).reduce((n, u) => n + u.tonnesPerDay, 0) : 0;
  return {
    tonnes: t.tonnesPerDay * t.days,
    tonnesPerUnit: Object.fromEntries(categories.map((c) => [c, weights[c] as number])),
    civilianTonnes: civilianPerDay * t.days,
    civilianHoursPerTonne: CIVILIAN_TRANSPORT_HOURS_PER_TONNE,
  };
}

interface Names {
  zh: string;
  en: string;
}

function categoryInfo(code: string, categories: ReadonlyMap<string, DispatchCategoryRow>) {
  const c = categories.get(code);
  return { category: code, categoryName: c?.nameZh ?? code, categoryNameEn: c?.nameEn ?? code, unit: c?.unit ?? '', unitEn: c?.unitEn ?? '' };
}

const provinceNames = new Map(PROVINCES.map((p) => [p.adcode, { zh: p.nameZh, en: p.nameEn }]));
const regionName = (adcode: string): Names => provinceNames.get(adcode) ?? { zh: adcode, en: adcode };

/** Whole-unit flows of a solution: rounding noise removed, never more than a depot's whole supply. */
export function wholeFlows(solution: DispatchSolution, available: ReadonlyMap<string, number>, down = false): { from: string; to: string; category: string; quantity: number; hours: number }[] {
  const used = new Map<string, number>();
  const out: { from: string; to: string; category: string; quantity: number; hours: number }[] = [];
  for (const f of solution.flows) {
    const key = supplyKey(f.from, f.category);
    const left = (available.get(key) ?? 0) - (used.get(key) ?? 0);
    // With a transport row the vertex need not be integral: whole units are then taken down, so
    // the lorries are never loaded past what the solve allowed.
    const q = Math.min(down ? Math.floor(f.quantity + 1e-6) : Math.round(f.quantity), left);
    if (q <= 0) continue;
    used.set(key, (used.get(key) ?? 0) + q);
    out.push({ ...f, quantity: q });
  }
  return out;
}

/** Plan, explanation and context of a solved scenario (everything but the solve time). */
export function explainPlan(
  scenario: DispatchScenario,
  rows: DispatchSupply,
  norms: NormsFile,
  { problem, available }: ScenarioSupply,
  solution: DispatchSolution,
): Omit<DispatchRecommendation, 'solveMillis'> {
  const categories = new Map(rows.categories.map((c) => [c.code, c]));
  const depots = new Map(rows.depots.map((d) => [d.code, d]));
  const demandPoints = new Map(problem.demands.map((d) => [d.id, d]));

  const flows: PlanFlow[] = wholeFlows(solution, available, problem.transport !== undefined)
    .map((f) => {
      const d = depots.get(f.from);
      const p = demandPoints.get(f.to);
      if (!d || !p) throw new Error(`dispatch solution names an unknown ${d ? 'demand point' : 'depot'} (${d ? f.to : f.from})`);
      const to = regionName(f.to);
      return {
        ...(d.civilian ? { civilian: true as const } : {}),
        from: f.from,
        fromName: d.nameZh,
        fromNameEn: d.nameEn,
        fromRegion: d.region,
        fromLon: d.lon,
        fromLat: d.lat,
        to: f.to,
        toName: to.zh,
        toNameEn: to.en,
        toLon: p.lon,
        toLat: p.lat,
        ...categoryInfo(f.category, categories),
        quantity: f.quantity,
        // Travel hours as the officer reads them; the civilian surcharge is a cost, not a distance.
        hours: d.civilian ? Math.max(0, f.hours - CIVILIAN_EXTRA_HOURS) : f.hours,
        available: available.get(supplyKey(f.from, f.category)) ?? 0,
      };
    })
    .sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0) || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0) || a.hours - b.hours);

  // Shortfall = demand − what the whole flows bring, so demand, supplied and short always add up.
  const sent = new Map<string, number>();
  for (const f of flows) sent.set(`${f.to}|${f.category}`, (sent.get(`${f.to}|${f.category}`) ?? 0) + f.quantity);
  const shortfalls: PlanShortfall[] = [];
  for (const p of problem.demands) {
    for (const [category, demand] of Object.entries(p.demand).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const short = demand - (sent.get(`${p.id}|${category}`) ?? 0);
      if (short > 0) {
        const to = regionName(p.id);
        shortfalls.push({ to: p.id, toName: to.zh, toNameEn: to.en, ...categoryInfo(category, categories), quantity: short });
      }
    }
  }

  const needed = [...new Set(problem.demands.flatMap((p) => Object.keys(p.demand)))].sort();
  const availableOf = new Map<string, { total: number; depots: number }>();
  for (const [key, q] of available) {
    const category = key.slice(key.indexOf('|') + 1);
    const a = availableOf.get(category) ?? { total: 0, depots: 0 };
    availableOf.set(category, { total: a.total + q, depots: a.depots + 1 });
  }
  const demandByCategory: CategoryBalance[] = needed.map((category) => {
    const demand = problem.demands.reduce((n, p) => n + (p.demand[category] ?? 0), 0);
    const supplied = flows.filter((f) => f.category === category).reduce((n, f) => n + f.quantity, 0);
    const a = availableOf.get(category) ?? { total: 0, depots: 0 };
    return { ...categoryInfo(category, categories), demand, available: a.total, supplied, shortfall: demand - supplied, depots: a.depots };
  });

  const usedBy = new Map<string, number>();
  for (const f of flows) usedBy.set(supplyKey(f.from, f.category), (usedBy.get(supplyKey(f.from, f.category)) ?? 0) + f.quantity);
  const binding: BindingDepot[] = [];
  for (const [key, used] of usedBy) {
    const q = available.get(key) ?? 0;
    if (used < q) continue;
    const [code, category] = key.split('|') as [string, string];
    const d = depots.get(code) as SupplyDepot;
    binding.push({ depot: code, depotName: d.nameZh, depotNameEn: d.nameEn, region: d.region, ...categoryInfo(category, categories), available: q, used });
  }
  binding.sort((a, b) => (a.category < b.category ? -1 : a.category > b.category ? 1 : 0) || b.used - a.used);

  const notes: DispatchNote[] = [{ code: 'whole-units' }];
  if (scenario.coldSeason) notes.push({ code: 'cold-season', count: norms.norms.filter((n) => n.season === 'cold').length });
  for (const b of demandByCategory) {
    if (b.available === 0) notes.push({ code: 'no-supply', category: b.category });
    else if (b.shortfall > 0) notes.push({ code: 'shortfall', category: b.category, count: b.shortfall });
  }
  if (norms.notDerived?.length) notes.push({ code: 'not-derived', count: norms.notDerived.length });
  const transport = problem.transport && scenario.transport ? explainTransport(problem.transport, scenario.transport.days, flows, solution.transport, rows.transport ?? [], problem.demands) : undefined;
  if (transport?.binding) notes.push({ code: 'transport-limit', count: Math.round(transport.stateTonnes + transport.civilianAvailableTonnes) });
  if (transport && transport.civilianTonnes > 0) notes.push({ code: 'civilian-transport', count: transport.units.length });

  const objective =
    flows.reduce((n, f) => n + f.quantity * (f.hours + (f.civilian ? CIVILIAN_EXTRA_HOURS : 0)), 0) +
    shortfalls.reduce((n, s) => n + s.quantity * problem.shortagePenalty, 0) +
    (transport && problem.transport ? transport.civilianTonnes * problem.transport.civilianHoursPerTonne : 0);
  return {
    scenario,
    plan: { flows, shortfalls, objective, status: 'optimal' },
    explanation: {
      demandByCategory,
      supplyByCategory: demandByCategory.map((b) => ({
        category: b.category,
        categoryName: b.categoryName,
        categoryNameEn: b.categoryNameEn,
        unit: b.unit,
        unitEn: b.unitEn,
        available: b.available,
        depots: b.depots,
      })),
      binding,
      shortfalls,
      notes,
      ...(transport ? { transport } : {}),
    },
    areas: problem.demands.map((p) => {
      const n = regionName(p.id);
      return { region: p.id, nameZh: n.zh, nameEn: n.en, lon: p.lon, lat: p.lat, population: scenario.population[p.id] ?? 0 };
    }),
    size: { depots: problem.depots.length, demandPoints: problem.demands.length, categories: needed.length },
  };
}
