import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, DiscardPolicy, RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { LogUnavailableError } from './region-log';

/** `nats://` or, for mutual TLS with the project's PKI, `tls://`, then HOST:PORT[,HOST:PORT…]. */
export function parseLogUrl(url: string, option = '--log'): string[] {
  const match = /^(nats|tls):\/\/(.+)$/.exec(url);
  if (!match?.[2]) throw new Error(`${option} ${url}: expected nats://HOST:PORT[,HOST:PORT…] or tls://HOST:PORT[,…]`);
  const servers = match[2].split(',').map((s) => s.trim());
  for (const s of servers) if (!/^[\w.-]+:\d{1,5}$/.test(s)) throw new Error(`${option} ${url}: "${s}" is not HOST:PORT`);
  return servers;
}

export const wantsTls = (url: string) => url.startsWith('tls://');

/** PEM material for mutual TLS to a cluster: the national root, this process's chain and key. */
export interface ClusterTls {
  ca: string;
  cert: string;
  key: string;
}

/**
 * Connects to a JetStream cluster and waits for its first JetStream answer, so a cluster out of
 * reach, or a node that refuses this certificate (it drops the connection after the handshake and
 * the client would retry for ever), fails at once with the reason. `what` names it in errors.
 */
export async function connectJetStream(url: string, timeout: number, tls: ClusterTls | undefined, what: string): Promise<{ nc: NatsConnection; jsm: JetStreamManager }> {
  const servers = parseLogUrl(url);
  if (wantsTls(url) && !tls) throw new Error(`${what} ${url}: a tls:// cluster needs the server's identity and the trust root`);
  const connecting = connect({ servers, timeout, maxReconnectAttempts: -1, reconnectTimeWait: 250, ...(tls ? { tls } : {}) });
  let timer: NodeJS.Timeout | undefined;
  const nc = await Promise.race([
    connecting,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Closed whenever it does connect: nobody will use it.
        connecting.then((late) => late.close()).catch(() => undefined);
        reject(new LogUnavailableError(`${what} ${url}: no connection within ${timeout * 2} ms; are the nodes up, and do they accept this server's certificate?`));
      }, timeout * 2);
    }),
  ])
    .catch((err: Error) => {
      throw err instanceof LogUnavailableError ? err : new LogUnavailableError(`${what} ${url}: ${err.message}; are the nodes up, and do they accept this server's certificate?`);
    })
    .finally(() => clearTimeout(timer));
  let lastError = '';
  void (async () => {
    for await (const status of nc.status()) if (status.type === 'error' || status.type === 'disconnect') lastError = String((status as { error?: unknown }).error ?? status.type);
  })();
  try {
    const jsm = await Promise.race([
      jetstreamManager(nc, { timeout }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no JetStream answer')), timeout * 2).unref()),
    ]);
    return { nc, jsm };
  } catch (err) {
    await nc.close().catch(() => undefined);
    throw new LogUnavailableError(`${what} ${url}: ${(err as Error).message}${lastError ? ` (${lastError})` : ''}; is JetStream up, and does it accept this server's certificate?`);
  }
}

/** Nodes of the JetStream cluster this connection reaches (1 for a single server). */
export function clusterNodes(nc: NatsConnection): number {
  const info = nc.info as { cluster?: string; connect_urls?: string[] } | undefined;
  if (!info?.cluster) return 1;
  // connect_urls lists the other nodes' client URLs, gossiped by the cluster.
  return 1 + new Set(info.connect_urls ?? []).size;
}

/** Errors of a cluster without quorum or out of reach, as the client reports them. */
export function isUnavailable(err: unknown): boolean {
  const text = `${(err as Error).name ?? ''} ${(err as Error).message ?? ''} ${String((err as { code?: unknown }).code ?? '')}`.toLowerCase();
  return /timeout|no responders|503|unavailable|closed|disconnect|no suitable peers|insufficient resources|offline/.test(text);
}

/**
 * The settings every stream of the regional tier shares: on disk, nothing deleted or purged, a
 * full stream refuses a message rather than dropping an old one, reads served by any replica.
 */
export function appendOnlyStream(name: string, replicas: number) {
  return {
    name,
    storage: StorageType.File,
    num_replicas: replicas,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.New,
    deny_delete: true,
    deny_purge: true,
    allow_direct: true,
  };
}

/** Creates an append-only stream on `subjects` unless one of that name is there already. */
export async function ensureStream(jsm: JetStreamManager, name: string, subjects: string[], replicas: number): Promise<void> {
  try {
    await jsm.streams.info(name);
  } catch {
    await jsm.streams.add({ ...appendOnlyStream(name, replicas), subjects });
  }
}
