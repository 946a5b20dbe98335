import type { OfficerIdentity } from '../../../../shared/contract';
import { authorize } from '../../../../shared/domain/roles';

const actor = (identity: OfficerIdentity) => ({ role: identity.role, region: identity.region, depot: identity.depot });

/** Whether this workstation's officer may acknowledge, assign and resolve an alert of `region` (the server decides). */
export const mayHandleAlert = (identity: OfficerIdentity | null, region: string): boolean =>
  identity !== null && authorize(actor(identity), 'acknowledge-alert', { region }).allowed;

/** Whether this workstation's officer may publish the alert rules of `region`; everyone else reads them. */
export const mayPublishRules = (identity: OfficerIdentity | null, region: string): boolean =>
  identity !== null && authorize(actor(identity), 'publish-alert-rules', { region }).allowed;
