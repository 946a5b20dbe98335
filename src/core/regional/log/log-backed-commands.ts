import type { SealedEvent } from '../../../shared/domain/events';
import type { PeerIdentity } from '../../pki';
import type { CommandExecutor } from '../../commands/command-executor';
import { refused, type CommandOutcome } from '../../commands/outcome';
import type { RegionalStore } from '../regional-store';
import { LogConflictError, LogUnavailableError, type RegionLog } from './region-log';
import { catchUp } from './replicated-append';
import type { SharedLedger } from './shared-ledger';

class DryRun extends Error {}

/** How long a refusal waits for its ledger record to be published before it is answered anyway. */
const LEDGER_WAIT_MS = 2_000;

/** One at a time per server: a command's dry run, append and commit see no other change of the projection. */
function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(run: () => Promise<T>): Promise<T> => {
    const next = tail.then(run, run);
    tail = next.catch(() => undefined);
    return next;
  };
}

export interface LogBackedCommandsOptions {
  store: RegionalStore;
  log: RegionLog;
  /** The region's command ledger: results, nonces and audit of every server. */
  ledger: SharedLedger;
  /** The synchronous executor over the local projection (the embedded path). */
  executor: CommandExecutor;
  /** Pins the executor's clock for one command, so its dry run and its commit seal the same event. */
  pinClock(at: number | null): void;
  now(): number;
  onProjected?(): void;
  maxAttempts?: number;
}

/**
 * Commands of a region whose log is shared by several servers. Each command is decided on the
 * projection caught up to the log's head, in a transaction that is rolled back (the dry run);
 * the event it would record is appended to the log only if the log's head is still the one it
 * was sealed on. Another server's append first: catch up, decide again on the new head (the
 * decision depends only on that state, so two officers racing for one change get one winner).
 * Appended: the same decision is committed locally (audit, command result) and its event
 * must be, byte for byte, the one in the log. No quorum: refused `unavailable`, nothing decided.
 */
export function createLogBackedCommands(options: LogBackedCommandsOptions) {
  const { store, log, executor, ledger } = options;
  const queue = serial();
  const envelopeHashOf = store.replica.db.prepare<[string], string | null>('SELECT envelope_hash FROM command_results WHERE command_id = ?').pluck();
  const maxAttempts = options.maxAttempts ?? 50;
  /**
   * After the log failed to answer, commands waiting in the queue are refused at once for a
   * moment rather than each waiting out its own timeout (a leader election takes seconds).
   */
  let downUntil = 0;
  const DOWN_MS = 1_000;

  const run = (execute: () => CommandOutcome, kind: string, peer: PeerIdentity, commandId: string): Promise<CommandOutcome> =>
    queue(async () => {
      const at = options.now();
      let mark = ledger.mark();
      if (Date.now() < downUntil) return audited(refused('unavailable', 'region log unavailable a moment ago; nothing was decided, reads go on, send again'), kind, peer, commandId, at, mark);
      options.pinClock(at);
      try {
        for (let attempt = 0; attempt < maxAttempts; attempt++) {
          await log.yieldToRivals?.();
          // First attempt: skip the round trip when no append past our head was heard; after a conflict, read.
          if ((attempt > 0 || (log.mayBeAhead?.(store.head().seq) ?? true)) && (await catchUp(store, log))) options.onProjected?.();
          // Nonces burnt by refusals elsewhere matter to signed commands; movements carry none.
          if (kind === 'signed') await ledger.catchUpToHead();
          mark = ledger.mark();
          let sealed: SealedEvent | null = null;
          let envelopeHash: string | null = null;
          store.observeSealed((event) => (sealed = event));
          try {
            store.replica.db.transaction(() => {
              execute();
              envelopeHash = envelopeHashOf.get(commandId) ?? null;
              throw new DryRun();
            })();
          } catch (err) {
            if (!(err instanceof DryRun)) throw err;
          } finally {
            store.observeSealed(null);
          }
          const toAppend = sealed as SealedEvent | null;
          if (toAppend) {
            try {
              await log.append(toAppend, { id: commandId, envelopeHash });
            } catch (err) {
              if (err instanceof LogConflictError) continue;
              throw err;
            }
          }
          let committed: SealedEvent | null = null;
          store.observeSealed((event) => (committed = event));
          try {
            const outcome = execute();
            const done = committed as SealedEvent | null;
            if (toAppend && done?.hash !== toAppend.hash) throw new Error(`command ${commandId}: the committed event differs from the one appended to the region log`);
            // An appended event already names its command in the log: its ledger record may follow.
            const published = ledger.decided(commandId, mark);
            // A refusal is answered once its record is out (so another server refuses its nonce too),
            // but never held longer than a moment by a slow ledger: the record stays queued.
            if (!toAppend) await Promise.race([published, new Promise((r) => setTimeout(r, LEDGER_WAIT_MS))]);
            return outcome;
          } finally {
            store.observeSealed(null);
          }
        }
        return await audited(refused('unavailable', `the region log stayed contended for ${maxAttempts} attempts; nothing was decided`), kind, peer, commandId, at, mark);
      } catch (err) {
        if (err instanceof LogUnavailableError) downUntil = Date.now() + DOWN_MS;
        if (err instanceof LogUnavailableError) return await audited(refused('unavailable', `${err.message}; nothing was decided, reads go on`), kind, peer, commandId, at, mark);
        throw err;
      } finally {
        options.pinClock(null);
      }
    });

  /** A command refused before it was decided: audited here, and on the ledger once the log takes it again. */
  const audited = async (outcome: CommandOutcome, kind: string, peer: PeerIdentity, commandId: string, at: number, mark: { audit: number }): Promise<CommandOutcome> => {
    if (outcome.status === 'refused') {
      executor.ledger.audit({ time: new Date(at).toISOString(), commandId, kind, signerSubject: null, peerSubject: peer.subject, status: 'refused', code: outcome.code, reason: outcome.reason, seq: null });
      void ledger.decided(commandId, mark);
    }
    return outcome;
  };

  return {
    ledger: executor.ledger,
    signed: (peer: PeerIdentity, commandId: string, envelope: unknown) => run(() => executor.signed(peer, commandId, envelope), 'signed', peer, commandId),
    recordEvent: (peer: PeerIdentity, commandId: string, draft: unknown) => run(() => executor.recordEvent(peer, commandId, draft), 'record-event', peer, commandId),
    /** Brings the projection up to the log's head (events other servers appended). */
    follow: () =>
      queue(async () => {
        if (Date.now() < downUntil) return false;
        let moved = false;
        try {
          moved = (await catchUp(store, log)) > 0;
          await ledger.catchUp();
        } catch (err) {
          if (err instanceof LogUnavailableError) downUntil = Date.now() + DOWN_MS;
          throw err;
        }
        if (ledger.pending() > 0) void ledger.flush();
        return moved;
      }),
  };
}
