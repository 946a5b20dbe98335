import type { RegionalStore } from '../regional-store';
import type { LogEntry } from './region-log';

interface EnvelopeShape {
  commandId?: unknown;
  nonce?: unknown;
}

/** The signed envelopes an event carries (a co-signed change carries the proposal's too). */
function envelopesOf(payload: unknown): EnvelopeShape[] {
  const p = (payload ?? {}) as { envelope?: EnvelopeShape; envelopes?: EnvelopeShape[] };
  return [...(p.envelope ? [p.envelope] : []), ...(Array.isArray(p.envelopes) ? p.envelopes : [])];
}

/**
 * What the log says about the commands behind entries another server appended: the command's
 * result (accepted, at that seq) and the nonces its envelopes used. Written with the events, so
 * a retry or a replayed nonce is recognised on this server as soon as it holds the event.
 */
export function commandRecorder(store: RegionalStore) {
  const db = store.replica.db;
  const result = db.prepare<[string, string, number, string, string | null]>(
    `INSERT OR IGNORE INTO command_results (command_id, region, status, reason, seq, decided_at, code, envelope_hash)
     VALUES (?, ?, 'accepted', NULL, ?, ?, NULL, ?)`,
  );
  const nonce = db.prepare<[string, string, string]>('INSERT OR IGNORE INTO command_nonces (nonce, command_id, used_at) VALUES (?, ?, ?)');
  return (entries: LogEntry[]) => {
    for (const { event, command } of entries) {
      if (command) result.run(command.id, store.region, event.seq, event.recordTime, command.envelopeHash);
      for (const envelope of envelopesOf(event.payload)) {
        if (typeof envelope.nonce === 'string' && typeof envelope.commandId === 'string') nonce.run(envelope.nonce, envelope.commandId, event.recordTime);
      }
    }
  };
}
