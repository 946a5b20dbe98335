import { randomUUID } from 'node:crypto';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { clusterNodes, connectJetStream, ensureStream, isUnavailable } from './jetstream-connect';
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

export { parseLogUrl, wantsTls } from './jetstream-connect';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function openJetStreamLog(options: JetStreamLogOptions): Promise<RegionLog & { replicas: number; connection: NatsConnection; ledger: LedgerLog }> {
  const timeout = options.timeoutMs ?? 5_000;
  const { nc, jsm } = await connectJetStream(options.url, timeout, options.tls, 'region log');
  const js: JetStreamClient = jetstream(nc, { timeout });
  const name = streamName(options.region);
  const subject = subjectOf(options.region);
  // Replicas follow the cluster: as many nodes as it has, up to 3.
  const clusterSize = clusterNodes(nc);
  const replicas = Math.max(1, Math.min(3, clusterSize));
  await ensureStream(jsm, name, [subject], replicas);

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
    readAfter: (afterSeq, limit, upTo) => guard(async () => readEntries(jsm, name, afterSeq, limit, upTo ?? (await jsm.streams.info(name)).state.last_seq)),
    close: async () => {
      await nc.drain().catch(() => nc.close());
    },
  };
}

/**
 * The entries of stream `name` after `afterSeq`, at most `limit`, none past `last`: direct gets in
 * flight together, one round trip per window, not per event, so a server catching up reads faster
 * than its peers append.
 */
export async function readEntries(jsm: JetStreamManager, name: string, afterSeq: number, limit: number, last: number): Promise<LogEntry[]> {
  const out: LogEntry[] = [];
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
}
