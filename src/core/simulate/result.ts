import type { CategoryNeed, ScenarioDemand } from './demand';
import { civilianTransportOf, type PlanModel } from './model';
import type { SimulationPlan, SimulationScenario } from './scenario';
import type { SimulationSupply } from './supply';

/**
 * A plan's solution read day by day (README, "Scenario simulation"): demand, delivered and
 * shortfall per day and category, the flows, the stock left per region and category, and the
 * summary. Quantities are in each category's unit, rounded to 1e-6; the solver's noise below
 * that is removed so that delivered + shortfall = demand holds to the last digit.
 */

export interface DayRow {
  day: number;
  category: string;
  demand: number;
  delivered: number;
  shortfall: number;
}

export interface StockRow {
  day: number;
  region: string;
  category: string;
  /** Stock at the end of the day, after the day's deliveries and replenishment arrivals. */
  quantity: number;
  /** The part of the opening stock that is safety floor. */
  floor: number;
}

export interface FlowRow {
  day: number;
  from: string;
  to: string;
  category: string;
  quantity: number;
  hours: number;
}

export interface PlanSummary {
  /** Person-days of unmet need, one per need (water, cereal, shelter…) a person lacks for a day. */
  shortfallPersonDays: number;
  /** Road hours of every leg (day, from region, to region) that carries anything. */
  transportHours: number;
  tonneKm: number;
  /** CNY: transport (the state's fleet and civilian units) + handling + procurement of the replenishment ordered. */
  cost: number;
  costBreakdown: { transport: number; handling: number; procurement: number; civilianTransport: number };
  /** Tonne-km carried by civilian transport: each day's load above the state's limit, that day's tonne-km pro rata. */
  civilianTonneKm: number;
  /** Regions with some category below its safety floor at the end of the horizon. */
  regionsBelowFloor: string[];
  /** Tonnes per day of civilian transport (the registry) the plan added to its limit; 0 when none. */
  civilianTransportTonnesPerDay: number;
}

export interface PlanResult {
  id: string;
  days: DayRow[];
  flows: FlowRow[];
  stock: StockRow[];
  summary: PlanSummary;
}

export interface UnitCosts {
  tonnesPerUnit: number;
  handlingPerUnit: number;
  /** Price of one unit ordered (the month's price index applied). */
  unitPrice: number;
}

export interface ResultParams {
  scenario: SimulationScenario;
  plan: SimulationPlan;
  supply: SimulationSupply;
  demand: ScenarioDemand;
  costs: ReadonlyMap<string, UnitCosts>;
  transportPerTonneKm: number;
  civilianTransportPerTonneKm: number;
}

const NOISE = 1e-6;
export const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;
const round3 = (v: number): number => Math.round(v * 1e3) / 1e3;
const round2 = (v: number): number => Math.round(v * 100) / 100;

export function readPlanResult(p: ResultParams, m: PlanModel, x: Float64Array): PlanResult {
  const { scenario, plan, supply, demand } = p;
  const { needs, regions: dests } = demand;
  const nJ = dests.length;
  const D = scenario.days;
  const nC = needs.length;
  // Sent per affected region, need and day; drawn per source region, need and day; legs used.
  const sent = new Float64Array(nJ * nC * D);
  const drawn = new Float64Array(supply.regions.length * nC * D);
  const legs = new Set<number>();
  const flows: FlowRow[] = [];
  let tonneKm = 0;
  // Per day: tonnes loaded and their tonne-km, to tell the civilian share from the state's.
  const dayTonnes = new Float64Array(D);
  const dayTonneKm = new Float64Array(D);
  let handling = 0;
  let ordered = 0;
  for (let k = 0; k < m.flows; k++) {
    const q = x[k] ?? 0;
    if (!(q > NOISE)) continue;
    const i = m.source[k] as number;
    const j = m.dest[k] as number;
    const c = m.need[k] as number;
    const t = m.day[k] as number;
    const need = needs[c] as CategoryNeed;
    const unit = p.costs.get(need.category) as UnitCosts;
    sent[(j * nC + c) * D + t] = (sent[(j * nC + c) * D + t] as number) + q;
    drawn[(i * nC + c) * D + t] = (drawn[(i * nC + c) * D + t] as number) + q;
    legs.add((t * supply.regions.length + i) * nJ + j);
    const tkm = q * unit.tonnesPerUnit * (m.km[i * nJ + j] as number);
    tonneKm += tkm;
    dayTonnes[t] = (dayTonnes[t] as number) + q * unit.tonnesPerUnit;
    dayTonneKm[t] = (dayTonneKm[t] as number) + tkm;
    handling += q * unit.handlingPerUnit;
    if (plan.replenishLeadDays !== null) ordered += q * unit.unitPrice;
    flows.push({ day: t, from: supply.regions[i]?.region ?? '', to: dests[j]?.region ?? '', category: need.category, quantity: round6(q), hours: round3(m.hours[i * nJ + j] as number) });
  }
  flows.sort((a, b) => a.day - b.day || (a.to < b.to ? -1 : a.to > b.to ? 1 : 0) || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0) || (a.from < b.from ? -1 : 1));

  const days: DayRow[] = [];
  let shortfallPersonDays = 0;
  for (let t = 0; t < D; t++) {
    needs.forEach((need, c) => {
      let want = 0;
      let got = 0;
      dests.forEach((d, j) => {
        const q = d.quantity[need.category] ?? 0;
        if (!(q > 0) || t < d.start || t >= d.end) return;
        let owed = q;
        if (need.basis === 'one-off') for (let s = d.start; s < t; s++) owed -= sent[(j * nC + c) * D + s] as number;
        owed = Math.max(0, owed);
        want += owed;
        got += Math.min(owed, sent[(j * nC + c) * D + t] as number);
      });
      const demandOut = round6(want);
      const delivered = Math.min(demandOut, round6(got));
      const shortfall = round6(demandOut - delivered);
      shortfallPersonDays += shortfall * need.personDaysPerUnit;
      days.push({ day: t, category: need.category, demand: demandOut, delivered, shortfall });
    });
  }

  const stock: StockRow[] = [];
  const lead = plan.replenishLeadDays;
  const below = new Set<string>();
  supply.regions.forEach((r, i) => {
    needs.forEach((need, c) => {
      const s = r.stock[need.category];
      if (!s || !(s.held > 0)) return;
      let level = s.held;
      for (let t = 0; t < D; t++) {
        level -= drawn[(i * nC + c) * D + t] as number;
        if (lead !== null && t - lead >= 0) level += drawn[(i * nC + c) * D + t - lead] as number;
        // The solver's tolerance, not a draw: a stock within 1e-6 of its floor or of zero is on it.
        const snap = Math.abs(level - s.floor) <= NOISE * Math.max(1, s.floor) ? s.floor : Math.max(0, level);
        stock.push({ day: t, region: r.region, category: need.category, quantity: round6(snap), floor: round6(s.floor) });
        if (t === D - 1 && snap < s.floor) below.add(r.region);
      }
    });
  });

  let civilianTonneKm = 0;
  if (civilianTransportOf(plan, supply) > 0 && plan.dailyTransportTonnes !== null) {
    for (let t = 0; t < D; t++) {
      const load = dayTonnes[t] as number;
      if (load > plan.dailyTransportTonnes + NOISE) civilianTonneKm += ((dayTonneKm[t] as number) * (load - plan.dailyTransportTonnes)) / load;
    }
  }
  const transport = (tonneKm - civilianTonneKm) * p.transportPerTonneKm;
  const civilianTransport = civilianTonneKm * p.civilianTransportPerTonneKm;
  let transportHours = 0;
  for (const leg of legs) transportHours += m.hours[leg % (supply.regions.length * nJ)] as number;
  return {
    id: plan.id,
    days,
    flows,
    stock,
    summary: {
      shortfallPersonDays: round3(shortfallPersonDays),
      transportHours: round3(transportHours),
      tonneKm: round3(tonneKm),
      cost: round2(transport + civilianTransport + handling + ordered),
      costBreakdown: { transport: round2(transport), handling: round2(handling), procurement: round2(ordered), civilianTransport: round2(civilianTransport) },
      civilianTonneKm: round3(civilianTonneKm),
      regionsBelowFloor: [...below].sort(),
      civilianTransportTonnesPerDay: civilianTransportOf(plan, supply),
    },
  };
}
