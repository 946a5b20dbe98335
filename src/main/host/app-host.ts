import type { AppInfo } from '../../shared/contract';
import type { ReplicaClient } from '../../core/replica/replica-client';
import type { HostHandlers } from './dispatcher';

export interface AppHostDeps {
  replica: ReplicaClient;
  info: AppInfo;
}

/** The contract implemented on top of core services; knows nothing of Electron or HTTP. */
export function createAppHandlers({ replica, info }: AppHostDeps): HostHandlers {
  return {
    'app:info': () => info,
    'replica:stats': () => replica.call('stats', []),
    'replica:provinces': () => replica.call('provinces', []),
    'depots:search': ({ query, limit }) => replica.call('searchDepots', [query, limit]),
  };
}
