import { z } from 'zod';
import { ALERT_SEVERITIES, alertRuleSetSchema } from '../domain/alert-rules';
import { commandAnswerSchema } from './emergency-schemas';
import { situationFilterSchema } from './situation-schemas';

const adcode = z.string().regex(/^\d{6}$/, 'adcode must be 6 digits');
const severity = z.enum(ALERT_SEVERITIES);
const by = z.object({ by: z.string(), at: z.string() });

/** One open raising of a rule alert on this workstation's replica. */
export const ruleAlertSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  kind: z.string(),
  severity,
  subject: z.string(),
  region: adcode,
  depot: z.string().nullable(),
  class: z.string().nullable(),
  category: z.string().nullable(),
  value: z.number(),
  /** An anomaly's finding (day, consumption, expected band or levels); null for other measures. */
  evidence: z
    .object({ kind: z.enum(['outlier', 'changepoint']), day: z.string(), value: z.number(), expectedLow: z.number(), expectedHigh: z.number() })
    .nullable()
    .default(null),
  /** When the condition had held long enough (log time): with the id, it names the raising. */
  raisedAt: z.string(),
  escalatedFrom: severity.nullable(),
  acknowledged: by.extend({ comment: z.string() }).nullable(),
  assigned: by.extend({ to: z.string() }).nullable(),
  resolved: by.extend({ comment: z.string() }).nullable(),
});

export const ruleAlertListSchema = z.object({
  /** The first `limit` alerts in the filter, most severe first. */
  alerts: z.array(ruleAlertSchema),
  /** Every open rule alert in the filter, listed or not. */
  total: z.number().int().nonnegative(),
  /** Alert kinds the rules raise; the situation picture's own alerts of these kinds are not listed beside them. */
  coveredKinds: z.array(z.string()),
});

export const ruleSetInForceSchema = z.object({
  region: adcode,
  ruleSet: alertRuleSetSchema,
  publishedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** The version a publish must carry: one after the latest published (1 before the first). */
  nextVersion: z.number().int().min(1),
  /** Measures this workstation observes; rules on others raise nothing here yet. */
  measured: z.array(z.string()),
});

const raising = { region: adcode, alertId: z.string().min(1).max(200), raisedAt: z.iso.datetime() };
const note = z.string().trim().min(1).max(500);

export type RuleAlertView = z.output<typeof ruleAlertSchema>;
export type RuleAlertList = z.output<typeof ruleAlertListSchema>;
export type RuleSetInForce = z.output<typeof ruleSetInForceSchema>;

/** Channels of the alert rules (merged into the contract's channel list). */
export const alertRuleChannels = {
  /** Open rule alerts of every region on the replica, escalated as of now. */
  'alerts:list': {
    request: z.object({ filter: situationFilterSchema, limit: z.number().int().min(1).max(1000).default(200) }),
    response: ruleAlertListSchema,
  },
  /** The rule set a region evaluates (the shipped default until one is published). */
  'alerts:rules': { request: z.object({ region: adcode }), response: ruleSetInForceSchema },
  /** What a rule set would raise on the region's current values. */
  'alerts:preview': { request: z.object({ region: adcode, ruleSet: alertRuleSetSchema }), response: z.array(ruleAlertSchema) },
  /** Signs and sends the next version of a region's rule set (ministry analysts). */
  'alerts:publish': { request: z.object({ region: adcode, ruleSet: alertRuleSetSchema }), response: commandAnswerSchema },
  'alerts:acknowledge': { request: z.object({ ...raising, comment: note }), response: commandAnswerSchema },
  'alerts:assign': { request: z.object({ ...raising, assignee: z.string().trim().min(1).max(200) }), response: commandAnswerSchema },
  'alerts:resolve': { request: z.object({ ...raising, comment: note }), response: commandAnswerSchema },
} as const;
