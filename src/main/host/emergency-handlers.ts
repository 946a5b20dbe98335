import type { ReplicaClient } from '../../core/replica/replica-client';
import type { HostHandlers } from './dispatcher';
import { requireSender, type CommandSender } from './command-sender';

type EmergencyChannel = 'identity:current' | 'emergency:state' | `emergency:${'propose' | 'cosign' | 'cancel' | 'break-glass' | 'countersign'}`;

/**
 * Emergency mode on the host: the state read from the replica, and the officer's commands
 * signed here and sent to the region's server. The UI mirrors the role matrix; the server
 * enforces it, so nothing is refused here that the server would decide.
 */
export function createEmergencyHandlers(replica: ReplicaClient, commands: () => CommandSender | null): Pick<HostHandlers, EmergencyChannel> {
  const sender = (kind: Parameters<typeof requireSender>[1]) => requireSender(commands(), kind);
  return {
    'identity:current': () => commands()?.identity ?? null,
    'emergency:state': () => replica.call('emergencyState', [Date.now()]),
    'emergency:propose': ({ region, expectedLevel, toLevel, plan, reason }) =>
      sender('emergency.propose').send(region, expectedLevel, { kind: 'emergency.propose', toLevel, plan, reason }),
    'emergency:cosign': ({ region, expectedLevel, proposalId }) =>
      sender('emergency.cosign').send(region, expectedLevel, { kind: 'emergency.cosign', proposalId }),
    // Cancelling a proposal and countersigning a break-glass level change no level: nothing to compare.
    'emergency:cancel': ({ region, proposalId, reason }) => sender('emergency.cancel').send(region, null, { kind: 'emergency.cancel', proposalId, reason }),
    'emergency:break-glass': ({ region, expectedLevel, plan, reason }) =>
      sender('emergency.break-glass').send(region, expectedLevel, { kind: 'emergency.break-glass', plan, reason }),
    'emergency:countersign': ({ region }) => sender('emergency.countersign').send(region, null, { kind: 'emergency.countersign' }),
  };
}
