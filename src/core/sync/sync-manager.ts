import { hostname } from 'node:os';
import type { LinkState } from '../../shared/contract/sync-schemas';
import { RegionLink, type LinkIdentity } from './region-link';
import type { ReplicaSink } from './replica-sink';

export interface SyncManagerOptions {
  regions: Record<string, { urls: string[]; pins: string[] }>;
  identity: LinkIdentity;
  rootPem: string;
  sink: ReplicaSink;
  clientId?: string;
  onState?(state: LinkState): void;
  onApplied?(region: string, cursor: number): void;
  log?(line: string): void;
}

/** One link per configured region, started and stopped together. */
export class SyncManager {
  readonly links: Map<string, RegionLink>;

  constructor(options: SyncManagerOptions) {
    const clientId = options.clientId ?? `${hostname()}/${process.pid}`;
    this.links = new Map(
      Object.entries(options.regions).map(([region, servers]) => [
        region,
        new RegionLink({
          region,
          urls: servers.urls,
          pins: servers.pins,
          identity: options.identity,
          rootPem: options.rootPem,
          sink: options.sink,
          clientId,
          onState: (state) => options.onState?.(state),
          ...(options.onApplied ? { onApplied: options.onApplied } : {}),
          ...(options.log ? { log: options.log } : {}),
        }),
      ]),
    );
  }

  start(): void {
    for (const link of this.links.values()) link.start();
  }

  states(): LinkState[] {
    return [...this.links.values()].map((l) => l.current);
  }

  whenAllLive(): Promise<void> {
    return Promise.all([...this.links.values()].map((l) => l.whenLive())).then(() => undefined);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.links.values()].map((l) => l.stop()));
  }
}
