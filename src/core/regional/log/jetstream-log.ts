import { randomUUID } from 'node:crypto';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, DiscardPolicy, RetentionPolicy, StorageType, type JetStreamManager, type JetStreamClient } from '@nats-io/jetstream';
import type { SealedEvent } from '../../../shared/domain/events';
import { openLedgerStream, type LedgerLog } from './jetstream-ledger';
import { LogConflictError, LogUnavailableError, type LogEntry, type RegionLog } from './region-log';

export interface JetStreamLogOptions {
  /** `nats://HOST:PORT[,HOST:PORT…]`, as `inrs server --log` takes it. */
  url: string;
  region: string;
  /** How long an append or read may wait for the cluster before the log counts as unavailable. */
  timeoutMs?: number;
  /**
   * Mutual TLS to the cluster (PEM): the national root the nodes' certificates lead to, and this
   * server's own chain and key from the project's PKI. Required by a `tls://` URL.
   */
  tls?: { ca: string; cert: string; key: string };
}

/** Headers beside an event in the stream: the command that appended it (retries and nonces on any server). */
const COMMAND_HEADER = 'Inrs-Command';
const ENVELOPE_HEADER = 'Inrs-Envelope-Hash';
const SEQ_HEADER = 'Inrs-Seq';
/** Which process published an append (outside the event's hash), to tell a rival's attempts from this one's. */
const ORIGIN_HEADER = 'Inrs-Origin';
/** A rival that lost a race this long ago is still contending; this server waits at most YIELD_MS for it. */
const RIVAL_MEMORY_MS = 200;
const YIELD_MS = 50;
/** Direct gets a catch-up keeps in flight at once. */
const READ_WINDOW = 64;

/** One stream per region, so the stream's sequence is the region's seq (no deletes: no gaps). */
export const streamName = (region: string) => `INRS_REGION_${region}`;
export const subjectOf = (region: string) => `inrs.log.${region}`;

/** `nats://` or, for mutual TLS with the project's PKI, `tls://`, then HOST:PORT[,HOST:PORT…]. */
export function parseLogUrl(url: string): string[] {
  const match = /^(nats|tls):\/\/(.+)$/.exec(url);
  if (!match?.[2]) throw new Error(`--log ${url}: expected nats://HOST:PORT[,HOST:PORT…] or tls://HOST:PORT[,…]`);
  const servers = match[2].split(',').map((s) => s.trim());
  for (const s of servers) if (!/^[\w.-]+:\d{1,5}$/.test(s)) throw new Error(`--log ${url}: "${s}" is not HOST:PORT`);
  return servers;
}

export const wantsTls = (url: string) => url.startsWith('tls://');

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Errors of a cluster without quorum or out of reach, as the client reports them. */
function isUnavailable(err: unknown): boolean {
  const text = `${(err as Error).name ?? ''} ${(err as Error).message ?? ''} ${String((err as { code?: unknown }).code ?? '')}`.toLowerCase();
  return /timeout|no responders|503|unavailable|closed|disconnect|no suitable peers|insufficient resources|offline/.test(text);
}

export async function openJetStreamLog(options: JetStreamLogOptions): Promise<RegionLog & { replicas: number; connection: NatsConnection; ledger: LedgerLog }> {
  const timeout = options.timeoutMs ?? 5_000;
  const servers = parseLogUrl(options.url);
  if (wantsTls(options.url) && !options.tls) throw new Error(`--log ${options.url}: a tls:// log needs the server's identity and the trust root`);
  const connecting = connect({ servers, timeout, maxReconnectAttempts: -1, reconnectTimeWait: 250, ...(options.tls ? { tls: options.tls } : {}) });
  let timer: NodeJS.Timeout | undefined;
  const nc = await Promise.race([
    connecting,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Closed whenever it does connect: nobody will use it.
        connecting.then((late) => late.close()).catch(() => undefined);
        reject(new LogUnavailableError(`region log ${options.url}: no connection within ${timeout * 2} ms; are the nodes up, and do they accept this server's certificate?`));
      }, timeout * 2);
    }),
  ]).finally(() => clearTimeout(timer));
  // A node that refuses this server's certificate drops the connection after the handshake and the
  // client would retry for ever: the first JetStream answer must come in time, or the start fails.
  let lastError = '';
  void (async () => {
    for await (const status of nc.status()) if (status.type === 'error' || status.type === 'disconnect') lastError = String((status as { error?: unknown }).error ?? status.type);
  })();
  let jsm: JetStreamManager;
  try {
    jsm = await Promise.race([
      jetstreamManager(nc, { timeout }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no JetStream answer')), timeout * 2).unref()),
    ]);
  } catch (err) {
    await nc.close().catch(() => undefined);
    throw new LogUnavailableError(`region log ${options.url}: ${(err as Error).message}${lastError ? ` (${lastError})` : ''}; is JetStream up, and does it accept this server's certificate?`);
  }
  const js: JetStreamClient = jetstream(nc, { timeout });
  const name = streamName(options.region);
  const subject = subjectOf(options.region);
  // Replicas follow the cluster: as many nodes as it has, up to 3.
  const clusterSize = await clusterNodes(nc);
  const replicas = Math.max(1, Math.min(3, clusterSize));
  try {
    await jsm.streams.info(name);
  } catch {
    await jsm.streams.add({
      name,
      subjects: [subject],
      storage: StorageType.File,
      num_replicas: replicas,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.New,
      deny_delete: true,
      deny_purge: true,
      allow_direct: true,
    });
  }

  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      if (err instanceof LogConflictError) throw err;
      if (isUnavailable(err)) throw new LogUnavailableError(`region log unavailable: ${(err as Error).message}`);
      throw err;
    }
  };

  const ledger = await openLedgerStream(jsm, js, options.region, replicas, timeout, guard);
  // Every append of any server passes this subject, taken or not: the highest seq heard is the
  // hint of mayBeAhead, and another server's attempt at a seq this one already took says it lost a race.
  const self = randomUUID();
  let heard = 0;
  let appended = 0;
  let rivalLostAt = 0;
  nc.subscribe(subject, {
    callback: (_err, msg) => {
      const seq = Number(msg?.headers?.get(SEQ_HEADER) ?? 0);
      if (seq > heard) heard = seq;
      if (msg?.headers?.get(ORIGIN_HEADER) !== self && seq <= appended) rivalLostAt = Date.now();
    },
  });

  return {
    replicas,
    connection: nc,
    ledger,
    mayBeAhead: (seq) => heard > seq || nc.isClosed(),
    yieldToRivals: async () => {
      if (Date.now() - rivalLostAt > RIVAL_MEMORY_MS) return;
      // Until a rival's next attempt is on its way past this server's last append (or a moment passes).
      const mine = appended;
      for (const until = Date.now() + YIELD_MS; heard <= mine && Date.now() < until; ) await new Promise((r) => setTimeout(r, 1));
    },
    headSeq: () => guard(async () => (await jsm.streams.info(name)).state.last_seq),
    append: (event, command) =>
      guard(async () => {
        const h = headers();
        h.set(SEQ_HEADER, String(event.seq));
        h.set(ORIGIN_HEADER, self);
        if (command) {
          h.set(COMMAND_HEADER, command.id);
          if (command.envelopeHash) h.set(ENVELOPE_HEADER, command.envelopeHash);
        }
        try {
          // Both expectations: nats-server 2.9 checks the per-subject one racily in a cluster (two
          // concurrent publishes on the same head can both pass), the stream-wide one strictly;
          // with one region per stream they name the same position.
          const head = event.seq - 1;
          await js.publish(subject, encoder.encode(JSON.stringify(event)), { msgID: event.hash, headers: h, expect: { lastSequence: head, lastSubjectSequence: head }, timeout });
          if (event.seq > appended) appended = event.seq;
        } catch (err) {
          if (/wrong last sequence/i.test((err as Error).message)) throw new LogConflictError(`seq ${event.seq - 1} is no longer the head of region ${options.region}`);
          throw err;
        }
      }),
    readAfter: (afterSeq, limit, upTo) =>
      guard(async () => {
        const last = upTo ?? (await jsm.streams.info(name)).state.last_seq;
        const out: LogEntry[] = [];
        // Direct gets in flight together: one round trip per window, not per event, so a server
        // catching up reads faster than its peers append.
        for (let from = afterSeq + 1; from <= last && out.length < limit; from += READ_WINDOW) {
          const seqs = Array.from({ length: Math.min(READ_WINDOW, last - from + 1, limit - out.length) }, (_, i) => from + i);
          const messages = await Promise.all(seqs.map((seq) => jsm.streams.getMessage(name, { seq })));
          for (const msg of messages) {
            // A direct get may be answered by a replica still behind the head it reported (after a
            // leader change): what it lacks is read on the next catch-up, never skipped.
            if (!msg) return out;
            const id = msg.header?.get(COMMAND_HEADER) ?? '';
            const envelopeHash = msg.header?.get(ENVELOPE_HEADER) ?? '';
            out.push({ event: JSON.parse(decoder.decode(msg.data)) as SealedEvent, command: id ? { id, envelopeHash: envelopeHash || null } : null });
          }
        }
        return out;
      }),
    close: async () => {
      await nc.drain().catch(() => nc.close());
    },
  };
}

/** Nodes of the JetStream cluster this connection reaches (1 for a single server). */
async function clusterNodes(nc: NatsConnection): Promise<number> {
  const info = nc.info as { cluster?: string; connect_urls?: string[] } | undefined;
  if (!info?.cluster) return 1;
  // connect_urls lists the other nodes' client URLs, gossiped by the cluster.
  return 1 + new Set(info.connect_urls ?? []).size - (info.connect_urls?.length ? 0 : 0);
}
