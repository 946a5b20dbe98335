import { dirname, join } from 'node:path';
import { ReplicaClient } from '../../core/replica/replica-client';
import type { DisposableStore } from '../../shared/disposables';
import { createAppHandlers } from './app-host';
import { startChainWatch } from './chain-watch';
import { createDispatcher, type Dispatch, type SenderInfo } from './dispatcher';
import { HostEventHub } from './host-events';
import type { ReplicaTarget } from './prepare-replica';
import { startHostSync, type HostSyncOptions } from './host-sync';
import type { SyncManager } from '../../core/sync/sync-manager';
import { createCommandSender, type CommandSender } from './command-sender';
import type { DisplaysService } from '../displays/displays-service';
import { createDispatchService } from './dispatch-service';
import { createOptimisationService } from './optimisation-service';
import { createScenarioService } from './scenario-service';
import type { BriefingDelivery } from './briefing-delivery';
import { createRegistryActions, type RegistryActions } from './registry-actions';
import type { LinkIdentity } from '../../core/sync/region-link';

export interface HostRuntime {
  dispatch: Dispatch;
  events: HostEventHub;
  replica: ReplicaClient;
  /** Links the host to regional servers; without it the host serves the replica offline. */
  startSync(options: Omit<HostSyncOptions, 'replica' | 'events' | 'disposables' | 'log'> & { registryIdentity?: LinkIdentity }): void;
  /** Signs with the link identity and sends to the region's server; null while offline. */
  commands(): CommandSender | null;
}

export interface HostRuntimeOptions {
  target: ReplicaTarget;
  host: 'electron' | 'browser';
  version: string;
  isTrustedSender(sender: SenderInfo): boolean;
  disposables: DisposableStore;
  log: (line: string) => void;
  /** The host's displays and workstation layout (Electron screens, or the browser's one tab). */
  displays?: DisplaysService;
  /** How a written briefing reaches the officer (a download, a save dialog). */
  delivery?: BriefingDelivery;
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
  let commands: CommandSender | null = null;
  let registry: RegistryActions | null = null;
  const chainWatch = startChainWatch({ replica, events, log: options.log });
  options.disposables.add(() => chainWatch.dispose());
  const dispatchService = createDispatchService({
    replica,
    commands: () => commands,
    progress: (p) => events.emit('dispatch:progress', p),
    log: options.log,
    planFile: join(dirname(options.target.file), 'dispatch-plan.json'),
  });
  options.disposables.add(() => dispatchService.dispose());
  const optimisation = createOptimisationService({ replica, commands: () => commands, progress: (p) => events.emit('optimisation:progress', p), log: options.log });
  options.disposables.add(() => optimisation.dispose());
  const scenario = createScenarioService({ replica, progress: (p) => events.emit('scenario:progress', p), log: options.log });
  options.disposables.add(() => scenario.dispose());
  const handlers = createAppHandlers({
    replica,
    dispatch: dispatchService,
    optimisation,
    scenario,
    chain: () => chainWatch.current(),
    links: () => sync?.states() ?? [],
    commands: () => commands,
    registry: () => registry,
    ...(options.displays ? { displays: options.displays } : {}),
    ...(options.delivery ? { delivery: options.delivery } : {}),
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
    startSync: ({ registryIdentity, ...links }) => {
      const manager = startHostSync({ ...links, replica, events, disposables: options.disposables, log: options.log });
      if (registryIdentity) {
        try {
          const actions = createRegistryActions({ identity: registryIdentity, rootPem: links.rootPem, regions: links.regions, log: options.log });
          options.disposables.add(() => actions.close());
          registry = actions;
          options.log(`registry verifier: ${actions.verifier.subject} (region ${actions.verifier.region})`);
        } catch (err) {
          options.log(`registry steps disabled: ${(err as Error).message}`);
        }
      }
      sync = manager;
      try {
        commands = createCommandSender({ sync: manager, identity: links.identity });
      } catch (err) {
        options.log(`commands disabled: the link identity cannot sign commands: ${(err as Error).message}`);
      }
    },
    commands: () => commands,
  };
}
