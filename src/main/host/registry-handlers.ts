import { randomUUID } from 'node:crypto';
import { HostError } from '../../shared/contract';
import type { ReplicaClient } from '../../core/replica/replica-client';
import type { HostHandlers } from './dispatcher';
import type { RegistryActions } from './registry-actions';

type RegistryChannel = `registry:${'overview' | 'verifier' | 'verify' | 'onboard' | 'suspend' | 'meter'}`;

/** Without a verifier's certificate on this workstation, a step is refused here with the way out. */
function requireVerifier(actions: RegistryActions | null, what: string): RegistryActions {
  if (!actions) {
    throw new HostError('not-connected', `${what}: this workstation holds no registry verifier's certificate (start it with --registry-identity FILE.p12), so it cannot verify, onboard, meter or suspend civilian assets`);
  }
  return actions;
}

/**
 * The registry wall's reads from the replica and the verifier's steps, sent over the verifier's
 * registry session to the asset's regional server, which decides and audits them.
 */
export function createRegistryHandlers(replica: ReplicaClient, actions: () => RegistryActions | null): Pick<HostHandlers, RegistryChannel> {
  return {
    'registry:overview': ({ region }) => replica.call('registryOverview', [region]),
    'registry:verifier': () => actions()?.verifier ?? null,
    'registry:verify': ({ region, assetId, passed, reason, evidence }) =>
      requireVerifier(actions(), 'registry:verify').send(region, { op: 'verify', assetId, passed, reason, evidence }),
    'registry:onboard': ({ region, assetId }) => requireVerifier(actions(), 'registry:onboard').send(region, { op: 'onboard', assetId }),
    'registry:suspend': ({ region, assetId, reason }) => requireVerifier(actions(), 'registry:suspend').send(region, { op: 'suspend', assetId, reason }),
    // The host names the record (the server takes a record id once) and dates it now.
    'registry:meter': ({ region, assetId, kind, amount }) =>
      requireVerifier(actions(), 'registry:meter').send(region, { op: 'meter', assetId, recordId: `MR-${randomUUID()}`, kind, amount, at: new Date().toISOString() }),
  };
}
