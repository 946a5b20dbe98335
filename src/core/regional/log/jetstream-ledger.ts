import { DeliverPolicy, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { ensureStream } from './jetstream-connect';
import { randomUUID } from 'node:crypto';
import type { Checkpoint } from '../../../shared/protocol/frames';
import type { AuditEntry } from '../../commands/command-ledger';

/**
 * What one server decided about one command, for the region's other servers: the result kept
 * under its id (a retry anywhere gets it), the nonce it used, its audit rows; or a checkpoint it
 * signed. Accepted commands are also named beside their event in the region log (atomic with
 * it): this stream adds refusals, nonces burnt by refused commands, the audit and checkpoints.
 */
export interface LedgerRecord {
  /** The server that decided (its id for this run). */
  origin: string;
  commandId: string | null;
  result: { status: 'accepted' | 'refused'; code: string | null; reason: string | null; seq: number | null; envelopeHash: string | null; decidedAt: string } | null;
  nonce: { value: string; usedAt: string } | null;
  audit: AuditEntry[];
  checkpoint: Checkpoint | null;
}

export interface LedgerLog {
  /** One message for a batch of records (what a busy server decided since its last publish). */
  publish(records: LedgerRecord[]): Promise<void>;
  /**
   * Delivers every batch after the ledger position `afterSeq`, in order, as it lands (an ordered
   * consumer: no round trip per message, resumed by the client after a reconnect).
   */
  follow(afterSeq: number, onBatch: (batch: { seq: number; records: LedgerRecord[] }) => void): Promise<void>;
  headSeq(): Promise<number>;
  /** What tells this stream from another of the same name (its creation time): a position is only valid in its own stream. */
  identity(): Promise<string>;
}

export const ledgerStreamName = (region: string) => `INRS_LEDGER_${region}`;
const ledgerSubject = (region: string) => `inrs.ledger.${region}`;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The region's command ledger stream, beside its log stream, replicated the same way. */
export async function openLedgerStream(
  jsm: JetStreamManager,
  js: JetStreamClient,
  region: string,
  replicas: number,
  timeout: number,
  guard: <T>(run: () => Promise<T>) => Promise<T>,
): Promise<LedgerLog> {
  const name = ledgerStreamName(region);
  const subject = ledgerSubject(region);
  await ensureStream(jsm, name, [subject], replicas);
  let published = 0;
  const run = randomUUID();
  return {
    publish: (records) =>
      guard(async () => {
        // Unique per process run: a restarted server's first ids are not taken for duplicates of its last.
        const id = `${records[0]?.origin ?? ''}/${run}/${++published}`;
        await js.publish(subject, encoder.encode(JSON.stringify(records)), { msgID: id, timeout });
      }),
    headSeq: () => guard(async () => (await jsm.streams.info(name)).state.last_seq),
    identity: () => guard(async () => (await jsm.streams.info(name)).created),
    follow: async (afterSeq, onBatch) => {
      const consumer = await js.consumers.get(name, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: afterSeq + 1 });
      const messages = await consumer.consume();
      void (async () => {
        for await (const msg of messages) onBatch({ seq: msg.seq, records: JSON.parse(decoder.decode(msg.data)) as LedgerRecord[] });
      })();
    },
  };
}
