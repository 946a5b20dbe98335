/** An event the domain rules refuse (debit beyond stock, unknown lot, …). Nothing of its batch is applied. */
export class ProjectionError extends Error {
  constructor(
    readonly region: string,
    readonly seq: number,
    readonly reason: string,
  ) {
    super(`region ${region} seq ${seq}: ${reason}`);
    this.name = 'ProjectionError';
  }
}

/** An event that does not continue its region's hash chain. Nothing of its batch is applied. */
export class ChainError extends Error {
  constructor(
    readonly region: string,
    readonly seq: number,
    readonly reason: string,
  ) {
    super(`region ${region} seq ${seq}: chain broken: ${reason}`);
    this.name = 'ChainError';
  }
}
