import type { InstructionSummary, OfficerIdentity } from '../../../shared/contract';
import { authorize } from '../../../shared/domain/roles';

/**
 * Whether this workstation is an instruction's addressee and may confirm receipt: a duty
 * officer of its region, or the operator of a depot its lines name, and never its issuer.
 * The UI mirrors the role matrix; the regional server decides.
 */
export function mayAcknowledge(identity: OfficerIdentity | null, i: Pick<InstructionSummary, 'region' | 'issuer' | 'status' | 'acknowledgedBy' | 'depots'>): boolean {
  if (!identity || i.status !== 'issued' || i.acknowledgedBy !== null || identity.subject === i.issuer) return false;
  const actor = { role: identity.role, region: identity.region, depot: identity.depot };
  if (identity.role !== 'depot-operator') return authorize(actor, 'acknowledge-instruction', { region: i.region }).allowed;
  const named = i.depots.find((d) => d === identity.depot);
  return named !== undefined && authorize(actor, 'acknowledge-instruction', { region: i.region, depot: named }).allowed;
}

/** `CN=王芳,OU=…` → 王芳: the officer's name as the certificate subject carries it. */
export const nameInSubject = (subject: string): string => /(?:^|,)CN=([^,]+)/.exec(subject)?.[1] ?? subject;
