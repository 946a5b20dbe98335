import { alertPointSchema, type AlertPoint } from '../../../shared/contract/situation-schemas';
import type { RuleAlert } from '../../../shared/domain/alert-rule-engine';
import { CATEGORY_CLASSES, type CategoryClass } from '../../../shared/domain/events';
import { PROVINCE_CENTROIDS } from '../../../shared/domain/province-centroids';

/** The open rule alerts in a view's filter, and the kinds of the picture's own checks they replace. */
export interface RulesInForce {
  alerts: readonly RuleAlert[];
  coveredKinds: ReadonlySet<string>;
}

const KINDS = new Set<string>(alertPointSchema.shape.kind.options);
const CLASSES = new Set<string>(CATEGORY_CLASSES);

/**
 * A rule alert as a point of the picture: at its depot, else at its province's label point. A
 * kind the map does not draw apart (stale data, days supported, plan completion) is drawn as an
 * anomaly; the rule id stays with it.
 */
export function ruleAlertPoint(a: RuleAlert, depots: ReadonlyMap<string, readonly [number, number]>): AlertPoint {
  const [lon, lat] = (a.depot && depots.get(a.depot)) || PROVINCE_CENTROIDS[a.region] || [0, 0];
  return {
    id: a.id,
    kind: KINDS.has(a.kind) ? (a.kind as AlertPoint['kind']) : 'anomaly',
    severity: a.severity,
    region: a.region,
    depot: a.depot,
    class: CLASSES.has(a.class ?? '') ? (a.class as CategoryClass) : null,
    category: a.category,
    lon,
    lat,
    raisedAt: a.raisedAt,
    rule: a.ruleId,
  };
}
