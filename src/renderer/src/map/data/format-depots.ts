import type { DepotPoint } from '../../../../shared/contract/situation-schemas';
import { planColour } from '../scales/color-scales';
import { inScope, type Scope } from './scope';

/** Depots as columns of typed arrays, ready to hand to deck.gl as binary attributes. */
export interface DepotColumns {
  length: number;
  /** lon, lat per depot. */
  positions: Float32Array;
  /** RGBA per depot, by plan completion (the shared scale the legend shows). */
  colors: Uint8Array;
  /** Radius in pixels, by fill. */
  radii: Float32Array;
  /** Index into situation.depots of each row, to find the depot again when it is picked. */
  source: Uint32Array;
}

export const DEPOT_MIN_RADIUS = 3;
export const DEPOT_MAX_RADIUS = 12;

/** Area, not radius, grows with fill; past 150 % of capacity every depot looks the same. */
export function depotRadius(fill: number): number {
  const share = Math.min(Math.max(fill, 0), 1.5) / 1.5;
  return DEPOT_MIN_RADIUS + (DEPOT_MAX_RADIUS - DEPOT_MIN_RADIUS) * Math.sqrt(share);
}

export function formatDepots(depots: readonly DepotPoint[], scope: Scope): DepotColumns {
  const rows: number[] = [];
  for (let i = 0; i < depots.length; i++) if (inScope(scope, depots[i]!.region)) rows.push(i);
  const length = rows.length;
  const positions = new Float32Array(length * 2);
  const colors = new Uint8Array(length * 4);
  const radii = new Float32Array(length);
  const source = new Uint32Array(length);
  for (let r = 0; r < length; r++) {
    const i = rows[r]!;
    const depot = depots[i]!;
    positions[r * 2] = depot.lon;
    positions[r * 2 + 1] = depot.lat;
    colors.set(planColour(depot.planCompletion), r * 4);
    radii[r] = depotRadius(depot.fill);
    source[r] = i;
  }
  return { length, positions, colors, radii, source };
}
