import type { ReplicaClient } from '../../core/replica/replica-client';
import type { LinkIdentity } from '../../core/sync/region-link';
import { SyncManager } from '../../core/sync/sync-manager';
import { workerSink } from '../../core/sync/worker-sink';
import type { DisposableStore } from '../../shared/disposables';
import type { HostEventHub } from './host-events';

export interface HostSyncOptions {
  regions: Record<string, { urls: string[]; pins: string[] }>;
  identity: LinkIdentity;
  rootPem: string;
  /** CRLs (PEM) the host holds for checking its servers; servers send newer ones. */
  crls?: string[];
  replica: ReplicaClient;
  events: HostEventHub;
  disposables: DisposableStore;
  log: (line: string) => void;
}

/** Coalesces replica-changed notices so a catch-up of many batches repaints a few times, not thousands. */
const CHANGE_NOTICE_MS = 250;

/** The app host's links to its regional servers, applying through the replica worker. */
export function startHostSync(options: HostSyncOptions): SyncManager {
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    timer = null;
    const regions = [...changed];
    changed.clear();
    if (regions.length > 0) options.events.emit('replica:changed', { regions });
  };
  const manager = new SyncManager({
    regions: options.regions,
    identity: options.identity,
    rootPem: options.rootPem,
    crls: options.crls ?? [],
    sink: workerSink(options.replica),
    onState: (state) => options.events.emit('sync:link-changed', state),
    onApplied: (region) => {
      changed.add(region);
      timer ??= setTimeout(flush, CHANGE_NOTICE_MS);
    },
    log: options.log,
  });
  manager.start();
  options.disposables.add(async () => {
    if (timer) clearTimeout(timer);
    await manager.stop();
  });
  return manager;
}
