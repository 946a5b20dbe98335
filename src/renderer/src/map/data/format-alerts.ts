import type { Situation } from '../../../../shared/contract/situation-schemas';
import { SEVERITY_WEIGHT } from '../scales/color-scales';
import { inScope, type Scope } from './scope';

export interface AlertColumns {
  length: number;
  positions: Float32Array;
  weights: Float32Array;
}

export function formatAlerts(situation: Situation, scope: Scope): AlertColumns {
  const rows = situation.alerts.filter((a) => inScope(scope, a.region));
  const out: AlertColumns = { length: rows.length, positions: new Float32Array(rows.length * 2), weights: new Float32Array(rows.length) };
  rows.forEach((a, r) => {
    out.positions[r * 2] = a.lon;
    out.positions[r * 2 + 1] = a.lat;
    out.weights[r] = SEVERITY_WEIGHT[a.severity];
  });
  return out;
}
