import { AppError, type ErrorShape } from '../../shared/errors';

/** A scenario file, or data it needs, that cannot be used: the message names what is wrong. */
export class SimulateInputError extends AppError<'simulate-input'> {
  constructor(message: string) {
    super('simulate-input', message);
    this.name = 'SimulateInputError';
  }
}

/** HiGHS ended a plan's model without an optimum (it should not: every plan's model is feasible). */
export class SimulateSolveError extends AppError<'simulate-solve'> {
  constructor(message: string) {
    super('simulate-solve', message);
    this.name = 'SimulateSolveError';
  }
}

/** The run was stopped by the one who asked for it. */
export class SimulateCancelledError extends AppError<'cancelled'> {
  constructor(message: string) {
    super('cancelled', message);
    this.name = 'SimulateCancelledError';
  }
}

/** An error from the simulation worker, rebuilt from its shape by code. */
export function simulateErrorFromShape(shape: ErrorShape): Error {
  if (shape.code === 'simulate-input') return new SimulateInputError(shape.message);
  if (shape.code === 'simulate-solve') return new SimulateSolveError(shape.message);
  return new AppError(shape.code, shape.message, shape.details);
}
