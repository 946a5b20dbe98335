import type { SealedEvent } from '../../shared/domain/events';
import type { ProjectorStatements } from './statements';

/** Thrown inside a projection with the rule that refused the event. */
export class Refusal extends Error {}

export function refuse(reason: string): never {
  throw new Refusal(reason);
}

export type Ctx = { s: ProjectorStatements; event: SealedEvent };
