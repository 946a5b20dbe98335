import type { ReplicaClient } from '../../core/replica/replica-client';
import type { HostHandlers } from './dispatcher';
import { requireSender, type CommandSender } from './command-sender';

type AlertChannel = `alerts:${'list' | 'rules' | 'preview' | 'publish' | 'acknowledge' | 'assign' | 'resolve'}`;

/**
 * Rule alerts on the host: the list, the rules in force and their preview read from the
 * replica worker; publishing and the officers' actions on a raising signed here and sent to the
 * region's server, which decides (the UI mirrors the role matrix).
 */
export function createAlertHandlers(replica: ReplicaClient, commands: () => CommandSender | null): Pick<HostHandlers, AlertChannel> {
  return {
    'alerts:list': ({ filter, limit }) => replica.call('ruleAlerts', [filter, limit]),
    'alerts:rules': ({ region }) => replica.call('ruleSetInForce', [region]),
    'alerts:preview': ({ region, ruleSet }) => replica.call('ruleAlertsPreview', [region, ruleSet]),
    'alerts:publish': ({ region, ruleSet }) => requireSender(commands(), 'alert-rules.publish').send(region, null, { kind: 'alert-rules.publish', ruleSet }),
    'alerts:acknowledge': ({ region, alertId, raisedAt, comment }) =>
      requireSender(commands(), 'alert.acknowledge').send(region, null, { kind: 'alert.acknowledge', alertId, raisedAt, comment }),
    'alerts:assign': ({ region, alertId, raisedAt, assignee }) =>
      requireSender(commands(), 'alert.assign').send(region, null, { kind: 'alert.assign', alertId, raisedAt, assignee }),
    'alerts:resolve': ({ region, alertId, raisedAt, comment }) =>
      requireSender(commands(), 'alert.resolve').send(region, null, { kind: 'alert.resolve', alertId, raisedAt, comment }),
  };
}
