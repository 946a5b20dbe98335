import type { EventDraft } from '../../shared/domain/events';
import type { CommandBody, SignedEnvelope } from '../../shared/protocol/command-envelope';
import type { CommandState } from './command-state';
import { refused, type Refused } from './outcome';

type AlertBody = Extract<CommandBody, { kind: 'alert-rules.publish' | 'alert.acknowledge' | 'alert.assign' | 'alert.resolve' }>;

/** State checks of the alert commands (role and scope are checked before) and the event each becomes. */
export function decideAlertCommand(
  body: AlertBody,
  envelope: SignedEnvelope,
  region: string,
  state: CommandState,
  draft: (type: EventDraft['type'], payload: unknown) => { draft: EventDraft },
): { draft: EventDraft } | Refused {
  if (body.kind === 'alert-rules.publish') {
    const latest = state.alertRuleVersion(region);
    if (body.ruleSet.version !== latest + 1) {
      return refused('stale-rule-version', `region ${region} is at alert rule version ${latest}; the next version is ${latest + 1}, not ${body.ruleSet.version}`);
    }
    return draft('alert-rules.published', { ruleSet: body.ruleSet, envelope });
  }
  const resolvedBy = state.alertResolvedBy(region, body.alertId, body.raisedAt);
  if (resolvedBy !== null) return refused('already-resolved', `alert ${body.alertId} raised at ${body.raisedAt} was already resolved by ${resolvedBy}`);
  if (body.kind === 'alert.assign') {
    return draft('alert.assigned', { alertId: body.alertId, raisedAt: body.raisedAt, assignee: body.assignee, envelope });
  }
  if (body.kind === 'alert.resolve') {
    return draft('alert.resolved', { alertId: body.alertId, raisedAt: body.raisedAt, comment: body.comment, envelope });
  }
  const by = state.alertAcknowledgedBy(region, body.alertId, body.raisedAt);
  if (by !== null) return refused('already-acknowledged', `alert ${body.alertId} raised at ${body.raisedAt} was already acknowledged by ${by}`);
  return draft('alert.acknowledged', { alertId: body.alertId, raisedAt: body.raisedAt, comment: body.comment, envelope });
}
