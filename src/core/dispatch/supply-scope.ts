import type { ActorScope } from '../../shared/domain/roles';
import { authorize, ROLE_ACTIONS } from '../../shared/domain/roles';
import type { DispatchSupply } from './recommend';

/**
 * The depots (and civilian transport units) a recommendation may draw on: an officer who issues instructions plans with the
 * depots they may instruct (a provincial duty officer, their province; a national commander,
 * all), so every line of the plan can be issued. A role that only runs scenarios, or a host
 * without an identity, sees every depot: the plan is then advice for someone else to issue.
 */
export function supplyInScope(supply: DispatchSupply, actor: ActorScope | null): DispatchSupply {
  if (!actor || !ROLE_ACTIONS[actor.role].includes('issue-instruction')) return supply;
  const mayInstruct = (region: string) => authorize(actor, 'issue-instruction', { region }).allowed;
  return { ...supply, depots: supply.depots.filter((d) => mayInstruct(d.region)), transport: (supply.transport ?? []).filter((u) => mayInstruct(u.region)) };
}
