import { AppError } from '../../shared/errors';

/** Why a hazard file cannot be used, in a word the app translates (the message has the figures). */
export type HazardProblem = 'not-json' | 'not-collection' | 'no-features' | 'feature' | 'no-population' | 'unreadable';

/** A hazard file that cannot be used: the message names the file, the feature and the rule. */
export class HazardFileError extends AppError<'hazard-input'> {
  constructor(message: string, problem: HazardProblem = 'unreadable') {
    super('hazard-input', message, { problem });
    this.name = 'HazardFileError';
  }
}
