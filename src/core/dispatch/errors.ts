import { AppError, type ErrorShape } from '../../shared/errors';

/** A dispatch problem, norms file or scenario that cannot be used, with a message naming what is wrong. */
export class DispatchInputError extends AppError<'dispatch-input'> {
  constructor(message: string) {
    super('dispatch-input', message);
    this.name = 'DispatchInputError';
  }
}

/** The solver ended without an optimal solution (it should not, the model is always feasible). */
export class DispatchSolveError extends AppError<'dispatch-solve'> {
  constructor(message: string) {
    super('dispatch-solve', message);
    this.name = 'DispatchSolveError';
  }
}

/** An error from the solver's worker, rebuilt from its shape by code: bad input stays a DispatchInputError. */
export function dispatchErrorFromShape(shape: ErrorShape): Error {
  if (shape.code === 'dispatch-input') return new DispatchInputError(shape.message);
  if (shape.code === 'dispatch-solve') return new DispatchSolveError(shape.message);
  return new AppError(shape.code, shape.message, shape.details);
}
