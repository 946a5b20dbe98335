import { ReplicaClient } from '../../core/replica/replica-client';
import type { DisposableStore } from '../../shared/disposables';
import { createAppHandlers } from './app-host';
import { createDispatcher, type Dispatch, type SenderInfo } from './dispatcher';
import { HostEventHub } from './host-events';
import type { ReplicaTarget } from './prepare-replica';

export interface HostRuntime {
  dispatch: Dispatch;
  events: HostEventHub;
  replica: ReplicaClient;
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
  const handlers = createAppHandlers({
    replica,
    info: { version: options.version, host: options.host, replicaPath: options.target.file, demo: options.target.demo },
  });
  const dispatch = createDispatcher(handlers, {
    isTrustedSender: options.isTrustedSender,
    onInternalError: (channel, err) => options.log(`${channel} failed: ${(err as Error).stack ?? String(err)}`),
  });
  return { dispatch, events, replica };
}
