import type { DepotPlan } from './depots';
import type { Rng } from './prng';

/**
 * The planned reserve scale (储备计划) of each category a depot stocks: the holding the depot
 * aims for times a province-wide level and a depot's own, so some provinces and depots are
 * planned above what they hold and others below, and plan completion spreads as it does in a
 * real reserve system. Drawn from a stream of its own, so the depots and the history draw
 * exactly what they drew before plans existed.
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

/** A province's plan level against the holdings aimed for, and a depot's own spread around it. */
const PROVINCE_RAISE: readonly [number, number] = [0.8, 1.0];
const DEPOT_RAISE: readonly [number, number] = [0.85, 1.2];
