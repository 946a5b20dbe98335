import type { PayloadOf } from '../../shared/domain/events';
import { refuse, type Ctx } from './refusal';

/**
 * Published rule sets and acknowledgements as projected state. The server checks the signer's
 * role; the rules here are those a replayed log must satisfy on its own: versions only grow,
 * one raising of an alert is acknowledged once and resolved once.
 */
export const alertRuleProjections: {
  [T in 'alert-rules.published' | 'alert.acknowledged' | 'alert.assigned' | 'alert.resolved']: (ctx: Ctx, payload: PayloadOf<T>) => void;
} = {
  'alert-rules.published': ({ s, event }, p) => {
    const latest = s.latestRuleVersion.get(event.region) ?? 0;
    if (p.ruleSet.version <= latest) refuse(`alert rule set version ${p.ruleSet.version} is not newer than version ${latest} of region ${event.region}`);
    s.insertRuleSet.run(event.region, p.ruleSet.version, JSON.stringify(p.ruleSet), event.actor.subject, event.eventTime, event.seq);
  },

  'alert.acknowledged': ({ s, event }, p) => {
    const earlier = s.alertAck.get(event.region, p.alertId, p.raisedAt);
    if (earlier) refuse(`alert ${p.alertId} raised at ${p.raisedAt} was already acknowledged by ${earlier.acknowledged_by}`);
    s.insertAlertAck.run(event.region, p.alertId, p.raisedAt, event.actor.subject, event.eventTime, p.comment, event.seq);
  },

  'alert.assigned': ({ s, event }, p) => {
    s.insertAlertAssignment.run(event.region, p.alertId, p.raisedAt, p.assignee, event.actor.subject, event.eventTime, event.seq);
  },

  'alert.resolved': ({ s, event }, p) => {
    const earlier = s.alertResolution.get(event.region, p.alertId, p.raisedAt);
    if (earlier) refuse(`alert ${p.alertId} raised at ${p.raisedAt} was already resolved by ${earlier.resolved_by}`);
    s.insertAlertResolution.run(event.region, p.alertId, p.raisedAt, event.actor.subject, event.eventTime, p.comment, event.seq);
  },
};
