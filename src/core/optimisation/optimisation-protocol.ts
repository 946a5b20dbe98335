import type { LayoutReading } from '../replica/optimisation-queries';
import type { RotationInput, RotationPlan } from '../rotation';
import type { ErrorShape } from '../../shared/errors';
import type { LayoutOutcome } from './layout-outcome';

/** Messages between the host and the optimisation worker. */
export type OptimisationRequest = { kind: 'rotation'; id: number; input: RotationInput } | { kind: 'layout'; id: number; reading: LayoutReading };

export type OptimisationReply =
  | { kind: 'progress'; id: number; done: number; total: number }
  | { kind: 'rotation'; id: number; plan: RotationPlan }
  | { kind: 'layout'; id: number; outcome: LayoutOutcome }
  | { kind: 'error'; id: number; error: ErrorShape };
