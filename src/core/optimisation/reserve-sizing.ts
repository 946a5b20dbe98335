import type { CategoryClass } from '../../shared/domain/events';
import { personDays, personsSupported, planCompletion } from '../../shared/domain/reserve-figures';

/**
 * Reserve sizing hint (README, "Reserve sizing hint"), demo values. In the walls' own measure,
 * persons supported for the standard response (src/shared/domain/reserve-figures.ts: a class's
 * categories are alternatives, weighted by the person-days they give at their norms):
 *
 *   called for(r, k)  = population_r × AFFECTED_SHARE × (1 + risk_r ÷ 100)
 *   held(r, k)        = persons supported by the class's stock in the region's depots
 *   planned(r, k)     = persons supported by the depots' registered plan
 *   target(r, k)      = planned where a plan is registered, else the hint (called for)
 *   completion(r, k)  = held ÷ target
 *
 * A registered plan is an order and stays the target; the hint fills in where there is none and
 * is shown beside the plan everywhere, so a plan below what the risk calls for stands out.
 */
export const AFFECTED_SHARE = 0.01;

export interface SizingRegion {
  region: string;
  population: number;
  riskIndex: number;
}

export interface SizingCategory {
  code: string;
  class: string;
  perCapitaDaily: number;
}

export interface SizingAmount {
  region: string;
  category: string;
  quantity: number;
}

export interface SizingRow {
  region: string;
  class: string;
  riskIndex: number;
  /** Persons supported for the standard response. */
  required: number;
  held: number;
  planned: number;
  target: number;
  targetSource: 'plan' | 'hint';
  /** held ÷ target; null where the target is 0. */
  completion: number | null;
}

export function reserveSizing(regions: readonly SizingRegion[], categories: readonly SizingCategory[], held: readonly SizingAmount[], planned: readonly SizingAmount[]): SizingRow[] {
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const classes = [...new Set(categories.map((c) => c.class))];
  const persons = (rows: readonly SizingAmount[]) => {
    const pd = new Map<string, number>();
    for (const r of rows) {
      const c = byCode.get(r.category);
      if (!c) continue;
      const k = `${r.region}|${c.class}`;
      pd.set(k, (pd.get(k) ?? 0) + personDays(r.quantity, c.perCapitaDaily));
    }
    return (region: string, cls: string) => Math.round(personsSupported(pd.get(`${region}|${cls}`) ?? 0, cls as CategoryClass));
  };
  const heldOf = persons(held);
  const plannedOf = persons(planned);
  return regions.flatMap((r) =>
    classes.map((cls) => {
      const required = Math.round(r.population * AFFECTED_SHARE * (1 + r.riskIndex / 100));
      const heldP = heldOf(r.region, cls);
      const plannedP = plannedOf(r.region, cls);
      const targetSource = plannedP > 0 ? 'plan' : 'hint';
      const target = targetSource === 'plan' ? plannedP : required;
      return { region: r.region, class: cls, riskIndex: r.riskIndex, required, held: heldP, planned: plannedP, target, targetSource, completion: planCompletion(heldP, target) };
    }),
  );
}
