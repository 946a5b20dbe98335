import type { SealedEvent } from '../../shared/domain/events';
import type { BatchState } from './batch-state';
import type { ProjectorStatements } from './statements';

/** Thrown inside a projection with the rule that refused the event. */
export class Refusal extends Error {}

export function refuse(reason: string): never {
  throw new Refusal(reason);
}

/** What a projection works with: the statements, the batch's rows in memory, and the event. */
export type Ctx = { s: ProjectorStatements; b: BatchState; event: SealedEvent };
