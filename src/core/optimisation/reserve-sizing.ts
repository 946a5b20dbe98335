/**
 * Reserve sizing hint (README, "Optimisation wall"), demo values: the reserve a region's risk
 * calls for per class is what AFFECTED_SHARE of its people need of each category over the
 * RESPONSE_DAYS the per-capita daily norms are spread over, raised by the risk index:
 *
 *   required(r, k) = Σ_{c in k} population_r × AFFECTED_SHARE × perCapitaDaily_c × RESPONSE_DAYS × (1 + risk_r ÷ 100)
 *
 * set against what is held and what the depots' registered plan calls for. Quantities of a class
 * add up in the categories' own units, as everywhere else a class total is shown.
 */
export const AFFECTED_SHARE = 0.01;
export const RESPONSE_DAYS = 30;

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
  required: number;
  held: number;
  planned: number;
  riskIndex: number;
}

export function reserveSizing(regions: readonly SizingRegion[], categories: readonly SizingCategory[], held: readonly SizingAmount[], planned: readonly SizingAmount[]): SizingRow[] {
  const classOf = new Map(categories.map((c) => [c.code, c.class]));
  const classes = [...new Set(categories.map((c) => c.class))];
  const sum = (rows: readonly SizingAmount[]) => {
    const m = new Map<string, number>();
    for (const r of rows) {
      const k = `${r.region}|${classOf.get(r.category) ?? ''}`;
      m.set(k, (m.get(k) ?? 0) + r.quantity);
    }
    return m;
  };
  const heldBy = sum(held);
  const plannedBy = sum(planned);
  return regions.flatMap((r) =>
    classes.map((cls) => {
      const perPerson = categories.filter((c) => c.class === cls).reduce((s, c) => s + c.perCapitaDaily, 0);
      return {
        region: r.region,
        class: cls,
        required: Math.round(r.population * AFFECTED_SHARE * perPerson * RESPONSE_DAYS * (1 + r.riskIndex / 100)),
        held: Math.round(heldBy.get(`${r.region}|${cls}`) ?? 0),
        planned: Math.round(plannedBy.get(`${r.region}|${cls}`) ?? 0),
        riskIndex: r.riskIndex,
      };
    }),
  );
}
