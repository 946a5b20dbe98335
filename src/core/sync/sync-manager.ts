import { hostname } from 'node:os';
import type { LinkState } from '../../shared/contract/sync-schemas';
import type { SignedEnvelope } from '../../shared/protocol/command-envelope';
import { LinkUnavailableError, RegionLink, type LinkIdentity, type SignedOutcome } from './region-link';
import type { ReplicaSink } from './replica-sink';
import { ServerCrls } from './server-crls';

export interface SyncManagerOptions {
  regions: Record<string, { urls: string[]; pins: string[] }>;
  identity: LinkIdentity;
  rootPem: string;
  /** CRLs (PEM) the client holds; every link checks its servers against them and the newer ones servers send. */
  crls?: string[];
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
    const crls = new ServerCrls(options.rootPem, options.crls ?? [], (line) => options.log?.(line));
    this.links = new Map(
      Object.entries(options.regions).map(([region, servers]) => [
        region,
        new RegionLink({
          region,
          urls: servers.urls,
          pins: servers.pins,
          crls,
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

  /** Sends a signed command over the link of its region; a region without a link is a clear error. */
  signedCommand(envelope: SignedEnvelope): Promise<SignedOutcome> {
    const link = this.links.get(envelope.region);
    if (!link) {
      const configured = [...this.links.keys()].join(', ') || 'none';
      return Promise.reject(
        new LinkUnavailableError(envelope.region, `not connected to region ${envelope.region}: this host has no link to it (configured regions: ${configured})`),
      );
    }
    return link.signedCommand(envelope);
  }

  whenAllLive(): Promise<void> {
    return Promise.all([...this.links.values()].map((l) => l.whenLive())).then(() => undefined);
  }

  /** Every region live and checked against the checkpoint its server announced (`inrs sync --once`). */
  whenAllVerified(): Promise<void> {
    return Promise.all([...this.links.values()].map((l) => l.whenVerified())).then(() => undefined);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.links.values()].map((l) => l.stop()));
  }
}
