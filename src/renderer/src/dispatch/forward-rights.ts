import type { InstructionSummary, OfficerIdentity } from '../../../shared/contract';
import { authorize } from '../../../shared/domain/roles';

/**
 * Whether this workstation may pass an instruction on to the depots of its region: a duty officer
 * of the region (or a national commander), once the instruction has been acknowledged there, for
 * a central instruction that names depots, is not finished and was not forwarded yet. The
 * regional server decides.
 */
export function mayForward(identity: OfficerIdentity | null, i: Pick<InstructionSummary, 'region' | 'level' | 'status' | 'acknowledgedBy' | 'depots' | 'forwarded'>): boolean {
  if (!identity || identity.role === 'depot-operator') return false;
  if (i.level !== 'central' || i.acknowledgedBy === null || i.status === 'done' || i.depots.length === 0 || i.forwarded > 0) return false;
  return authorize({ role: identity.role, region: identity.region, depot: identity.depot }, 'issue-instruction', { region: i.region }).allowed;
}
