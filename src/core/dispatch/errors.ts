/** A dispatch problem, norms file or scenario that cannot be used, with a message naming what is wrong. */
export class DispatchInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DispatchInputError';
  }
}

/** The solver ended without an optimal solution (it should not, the model is always feasible). */
export class DispatchSolveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DispatchSolveError';
  }
}
