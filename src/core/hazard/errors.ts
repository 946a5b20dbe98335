import { AppError } from '../../shared/errors';

/** A hazard file that cannot be used: the message names the file, the feature and the rule. */
export class HazardFileError extends AppError<'hazard-input'> {
  constructor(message: string) {
    super('hazard-input', message);
    this.name = 'HazardFileError';
  }
}
