import type { PeerIdentity } from '../pki';
import type { RegionalStore } from '../regional/regional-store';
import { commandLedger } from './command-ledger';
import { commandState } from './command-state';
import { executeRecordEvent } from './record-event';
import { executeSignedCommand } from './execute-signed';
import { refused, type CommandOutcome } from './outcome';
import type { EnvelopeTrust } from './verify-envelope';

export interface CommandExecutorOptions {
  store: RegionalStore;
  /** The trust anchor and revocation lists as last (re)loaded by the server. */
  trust(): EnvelopeTrust;
  now(): number;
  log?(line: string): void;
}

/** The regional server's command path: signed commands and depot operators' unsigned movements. */
export function createCommandExecutor(options: CommandExecutorOptions) {
  const { store } = options;
  const ledger = commandLedger(store.replica.db, store.region);
  const state = commandState(store.replica.db);
  const context = { store, ledger, state, trust: options.trust, now: options.now };

  /**
   * A fault while deciding (not a refusal) rolls its transaction back: the client hears that
   * nothing was applied, and the audit still records that the command came.
   */
  const guarded = (kind: string, peer: PeerIdentity, commandId: string, execute: () => CommandOutcome): CommandOutcome => {
    try {
      return execute();
    } catch (err) {
      const message = (err as Error).message;
      options.log?.(`command ${commandId} from ${peer.subject} failed: ${(err as Error).stack ?? message}`);
      const outcome = refused('internal', `the server failed to decide this command and applied nothing: ${message}`);
      try {
        ledger.audit({ time: new Date(options.now()).toISOString(), commandId, kind, signerSubject: null, peerSubject: peer.subject, status: 'refused', code: outcome.code, reason: outcome.reason, seq: null });
      } catch (auditErr) {
        options.log?.(`command ${commandId}: the audit could not be written either: ${(auditErr as Error).message}`);
      }
      return outcome;
    }
  };

  return {
    ledger,
    signed: (peer: PeerIdentity, commandId: string, envelope: unknown): CommandOutcome =>
      guarded('signed', peer, commandId, () => executeSignedCommand(context, peer.subject, commandId, envelope)),
    recordEvent: (peer: PeerIdentity, commandId: string, draft: unknown): CommandOutcome =>
      guarded('record-event', peer, commandId, () => executeRecordEvent(store, ledger, peer, commandId, draft, new Date(options.now()))),
  };
}

export type CommandExecutor = ReturnType<typeof createCommandExecutor>;

/** What a session calls: the embedded executor, or one deciding through a shared region log. */
export interface CommandPath {
  ledger: CommandExecutor['ledger'];
  signed(peer: PeerIdentity, commandId: string, envelope: unknown): CommandOutcome | Promise<CommandOutcome>;
  recordEvent(peer: PeerIdentity, commandId: string, draft: unknown): CommandOutcome | Promise<CommandOutcome>;
}
