import { z } from 'zod';

/**
 * Alert rules as data: a versioned rule set every workstation evaluates the same way. A rule
 * watches one measure of one subject (a depot × class, a region × category, a lot, a data
 * feed) and raises an alert while the measure is on the wrong side of `raiseAt`; it clears
 * only once the measure is back past `clearAt` (hysteresis), and raises only after the
 * condition has held for `minDurationMinutes`. An alert nobody acknowledges within
 * `escalation.afterMinutes` moves to the next severity.
 */

export const ALERT_RULE_MEASURES = [
  /** Stock held against the floor, as a ratio (1 = at floor). Lower is worse. */
  'stock-floor-ratio',
  /** Days of supported population the stock covers. Lower is worse. */
  'supported-days',
  /** Share of the reserve plan completed, 0..1. Lower is worse. */
  'plan-completion',
  /** Days until a held lot expires (negative once expired). Lower is worse. */
  'days-to-expiry',
  /** Minutes since the subject's data last changed. Higher is worse. */
  'stale-minutes',
  /** Count of hash-chain or signature problems on a region's log. Higher is worse. */
  'chain-problems',
  /** Anomaly score of consumption (fed by the forecasting side). Higher is worse. */
  'consumption-anomaly',
] as const;
export type AlertRuleMeasure = (typeof ALERT_RULE_MEASURES)[number];

/** Whether a low or a high value of the measure is the bad side. */
export const MEASURE_DIRECTION: Record<AlertRuleMeasure, 'below' | 'above'> = {
  'stock-floor-ratio': 'below',
  'supported-days': 'below',
  'plan-completion': 'below',
  'days-to-expiry': 'below',
  'stale-minutes': 'above',
  'chain-problems': 'above',
  'consumption-anomaly': 'above',
};

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

const adcode = z.string().regex(/^\d{6}$/, 'a region is a six-digit GB/T 2260 adcode');

export const alertRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a rule id is lower-case letters, digits and dashes'),
    /** The alert kind it raises, as the alerts wall groups it (under-floor, expiring, …). */
    kind: z.string().min(1).max(40),
    measure: z.enum(ALERT_RULE_MEASURES),
    severity: z.enum(ALERT_SEVERITIES),
    raiseAt: z.number().finite(),
    clearAt: z.number().finite(),
    /** Past this value (on the bad side of raiseAt) the alert is critical; null keeps `severity`. */
    criticalAt: z.number().finite().nullable().default(null),
    minDurationMinutes: z.number().int().min(0).max(7 * 24 * 60).default(0),
    scope: z
      .object({
        classes: z.array(z.string().min(1)).optional(),
        categories: z.array(z.string().min(1)).optional(),
        regions: z.array(adcode).optional(),
      })
      .strict()
      .default({}),
    escalation: z
      .object({ afterMinutes: z.number().int().min(1), to: z.enum(ALERT_SEVERITIES) })
      .strict()
      .nullable()
      .default(null),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const below = MEASURE_DIRECTION[rule.measure] === 'below';
    // The clear value must lie on the good side of the raise value, or the alert would flap.
    if (below ? rule.clearAt < rule.raiseAt : rule.clearAt > rule.raiseAt) {
      ctx.addIssue({
        code: 'custom',
        path: ['clearAt'],
        message: `rule ${rule.id}: clearAt ${rule.clearAt} must be ${below ? 'at or above' : 'at or below'} raiseAt ${rule.raiseAt} for ${rule.measure}`,
      });
    }
    if (rule.criticalAt !== null && (below ? rule.criticalAt > rule.raiseAt : rule.criticalAt < rule.raiseAt)) {
      ctx.addIssue({
        code: 'custom',
        path: ['criticalAt'],
        message: `rule ${rule.id}: criticalAt ${rule.criticalAt} must lie beyond raiseAt ${rule.raiseAt} on the ${below ? 'low' : 'high'} side`,
      });
    }
    if (rule.escalation && ALERT_SEVERITIES.indexOf(rule.escalation.to) <= ALERT_SEVERITIES.indexOf(rule.severity)) {
      ctx.addIssue({
        code: 'custom',
        path: ['escalation', 'to'],
        message: `rule ${rule.id}: escalation goes to ${rule.escalation.to}, which is not above ${rule.severity}`,
      });
    }
  });
export type AlertRule = z.infer<typeof alertRuleSchema>;

export const alertRuleSetSchema = z
  .object({
    format: z.literal('inrs-alert-rules'),
    /** Increases by one with every published change; a workstation keeps the highest it has applied. */
    version: z.number().int().min(1),
    rules: z.array(alertRuleSchema).min(1),
  })
  .strict()
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    for (const [i, r] of set.rules.entries()) {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `rule id ${r.id} appears twice` });
      seen.add(r.id);
    }
  });
export type AlertRuleSet = z.infer<typeof alertRuleSetSchema>;

/** Parses a rule set, with an error that names every problem and its place. */
export function parseAlertRuleSet(input: unknown): AlertRuleSet {
  const r = alertRuleSetSchema.safeParse(input);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(`invalid alert rule set: ${lines.join('; ')}`);
}
