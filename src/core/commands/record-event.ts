import { authorize, ROLE_ACTIONS } from '../../shared/domain/roles';
import type { PeerIdentity } from '../pki';
import type { RegionalStore } from '../regional/regional-store';
import type { CommandLedger } from './command-ledger';
import { refused, type CommandOutcome, type Refused } from './outcome';

/** Reference data comes from the national hub's own log, never from a client. */
const REFERENCE_TYPES = new Set(['region.declared', 'category.defined', 'depot.registered']);

interface DraftShape {
  type?: unknown;
  region?: unknown;
  payload?: { depot?: unknown; fromDepot?: unknown; toDepot?: unknown; adjustment?: { depot?: unknown } };
}

/**
 * Who may record an unsigned draft: only stock movements (lot.*, stock.*, a correction with a
 * stock adjustment), only by the operator of the depot the movement touches. Anything that
 * changes the world otherwise must come as a signed command.
 */
export function unsignedDraftRefusal(peer: PeerIdentity, draft: unknown, region: string): Refused | null {
  const d = (draft ?? {}) as DraftShape;
  const type = typeof d.type === 'string' ? d.type : '';
  if (REFERENCE_TYPES.has(type)) return refused('reference-data', `${type} is reference data from the national hub's log; clients never record it`);
  if (/^(emergency|instruction)\./.test(type)) {
    return refused('unsigned', `${type} changes the world and must be sent as a signed command (kind "signed"), not as an unsigned draft`);
  }
  const isCorrection = type === 'event.corrected';
  if (isCorrection && !d.payload?.adjustment) {
    return refused('unsigned', 'a correction without a stock adjustment is not a stock movement and is not accepted as an unsigned draft');
  }
  if (!isCorrection && !/^(lot|stock)\./.test(type)) return refused('malformed', `unknown event type ${JSON.stringify(d.type ?? null)}`);
  const p = d.payload ?? {};
  const depot = isCorrection ? p.adjustment?.depot : (p.depot ?? p.fromDepot ?? p.toDepot);
  const target = { region: typeof d.region === 'string' ? d.region : region, ...(typeof depot === 'string' ? { depot } : {}) };
  const verdict = authorize({ role: peer.role, region: peer.region, depot: peer.depot }, 'record-movement', target);
  if (verdict.allowed) return null;
  return refused(ROLE_ACTIONS[peer.role].includes('record-movement') ? 'scope' : 'role', verdict.reason);
}

/** Records a depot operator's movement (the actor from the certificate), audited with its outcome. */
export function executeRecordEvent(store: RegionalStore, ledger: CommandLedger, peer: PeerIdentity, commandId: string, draft: unknown, now: Date): CommandOutcome {
  return store.replica.db
    .transaction((): CommandOutcome => {
      const type = typeof (draft as DraftShape | null)?.type === 'string' ? String((draft as DraftShape).type) : 'unknown';
      let outcome: CommandOutcome | null = unsignedDraftRefusal(peer, draft, store.region);
      if (!outcome) {
        const result = store.append(commandId, { ...(draft as object), actor: { subject: peer.subject, role: peer.role } }, now);
        outcome =
          result.status === 'accepted'
            ? result
            : refused(result.code, result.reason);
      }
      ledger.audit({
        time: now.toISOString(),
        commandId,
        kind: `record-event ${type}`,
        signerSubject: null,
        peerSubject: peer.subject,
        status: outcome.status,
        code: outcome.status === 'refused' ? outcome.code : null,
        reason: outcome.status === 'refused' ? outcome.reason : null,
        seq: outcome.status === 'accepted' ? outcome.seq : null,
      });
      return outcome;
    })
    .immediate();
}
