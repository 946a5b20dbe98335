import { HostError, type AppInfo, type ChainStatus, type LinkState } from '../../shared/contract';
import type { ReplicaClient } from '../../core/replica/replica-client';
import type { HostHandlers } from './dispatcher';

export interface AppHostDeps {
  replica: ReplicaClient;
  info: AppInfo;
  /** Current state of every regional link; empty when the host runs offline. */
  links: () => LinkState[];
  /** Each region's chain status, kept current by the host's chain watch. */
  chain: () => Promise<ChainStatus>;
}

/** The contract implemented on top of core services; knows nothing of Electron or HTTP. */
export function createAppHandlers({ replica, info, links, chain }: AppHostDeps): HostHandlers {
  return {
    'app:info': () => info,
    'replica:stats': () => replica.call('stats', []),
    'replica:provinces': () => replica.call('provinces', []),
    'depots:search': ({ query, limit }) => replica.call('searchDepots', [query, limit]),
    'depots:detail': async ({ code }) => {
      const detail = await replica.call('depotDetail', [code]);
      if (!detail) throw new HostError('not-found', `depots:detail: no depot ${code}`);
      return detail;
    },
    'categories:list': () => replica.call('categories', []),
    'situation:snapshot': ({ filter }) => replica.call('situationSnapshot', [filter]),
    'situation:kpis': ({ filter }) => replica.call('situationKpis', [filter]),
    'situation:trend': ({ region, filter, days }) => replica.call('situationTrend', [region, filter, days]),
    'instructions:list': ({ filter, limit }) => replica.call('instructions', [filter, limit]),
    'sync:links': () => links(),
    'trace:lot': async ({ lotId }) => {
      const trace = await replica.call('traceLot', [lotId]);
      if (!trace) throw new HostError('not-found', `trace:lot: no lot ${lotId}`);
      return trace;
    },
    'trace:instruction': async ({ id }) => {
      const trace = await replica.call('traceInstruction', [id]);
      if (!trace) throw new HostError('not-found', `trace:instruction: no instruction ${id}`);
      return trace;
    },
    'trace:search': ({ query, limit }) => replica.call('traceSearch', [query, limit]),
    'audit:chain-status': () => chain(),
  };
}
