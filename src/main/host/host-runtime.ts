import { ReplicaClient } from '../../core/replica/replica-client';
import type { DisposableStore } from '../../shared/disposables';
import { createAppHandlers } from './app-host';
import { startChainWatch } from './chain-watch';
import { createDispatcher, type Dispatch, type SenderInfo } from './dispatcher';
import { HostEventHub } from './host-events';
import type { ReplicaTarget } from './prepare-replica';
import { startHostSync, type HostSyncOptions } from './host-sync';
import type { SyncManager } from '../../core/sync/sync-manager';

export interface HostRuntime {
  dispatch: Dispatch;
  events: HostEventHub;
  replica: ReplicaClient;
  /** Links the host to regional servers; without it the host serves the replica offline. */
  startSync(options: Omit<HostSyncOptions, 'replica' | 'events' | 'disposables' | 'log'>): void;
}

export interface HostRuntimeOptions {
  target: ReplicaTarget;
  host: 'electron' | 'browser';
  version: string;
  isTrustedSender(sender: SenderInfo): boolean;
  disposables: DisposableStore;
  log: (line: string) => void;
}

/** Opens the replica in its worker and wires the contract's handlers; shared by both adapters. */
export async function startHostRuntime(options: HostRuntimeOptions): Promise<HostRuntime> {
  const replica = await ReplicaClient.open({
    file: options.target.file,
    key: options.target.key,
    onSlowQuery: (method, millis) => options.log(`slow replica query ${method}: ${Math.round(millis)} ms`),
  });
  options.disposables.add(() => replica.close());
  const events = new HostEventHub();
  let sync: SyncManager | null = null;
  const chainWatch = startChainWatch({ replica, events, log: options.log });
  options.disposables.add(() => chainWatch.dispose());
  const handlers = createAppHandlers({
    replica,
    chain: () => chainWatch.current(),
    links: () => sync?.states() ?? [],
    info: { version: options.version, host: options.host, replicaPath: options.target.file, demo: options.target.demo },
  });
  const dispatch = createDispatcher(handlers, {
    isTrustedSender: options.isTrustedSender,
    onInternalError: (channel, err) => options.log(`${channel} failed: ${(err as Error).stack ?? String(err)}`),
  });
  return {
    dispatch,
    events,
    replica,
    startSync: (links) => {
      sync = startHostSync({ ...links, replica, events, disposables: options.disposables, log: options.log });
    },
  };
}
