import type { DepotPlan } from './depots';
import type { Rng } from './prng';

/**
 * The planned reserve scale (储备计划) of each category a depot stocks. Plans are set above
 * what a depot is stocked to when its scale was raised since (some provinces more than
 * others), so plan completion spreads as it does in a real reserve system. Drawn from a
 * stream of its own, so the depots and the history draw exactly what they drew before.
 */
export function plannedQuantities(depots: readonly DepotPlan[], rng: Rng): Map<string, Record<string, number>> {
  const raised = rng.range(PROVINCE_RAISE[0], PROVINCE_RAISE[1]);
  const out = new Map<string, Record<string, number>>();
  for (const depot of depots) {
    const depotRaise = raised * rng.range(DEPOT_RAISE[0], DEPOT_RAISE[1]);
    const planned: Record<string, number> = {};
    for (const { category, target } of depot.stock) {
      planned[category.code] = Math.max(10, Math.round(target * depotRaise * rng.range(0.95, 1.05)));
    }
    out.set(depot.code, planned);
  }
  return out;
}

/** How far a province's plan was raised above the holdings aimed for, and a depot's own spread. */
const PROVINCE_RAISE: readonly [number, number] = [0.8, 1.0];
const DEPOT_RAISE: readonly [number, number] = [0.85, 1.2];
