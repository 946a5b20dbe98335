/** Why a briefing export or a briefing package was refused; `code` is stable, `message` says what to do. */
export type BriefingErrorCode =
  | 'font-missing'
  | 'basemap'
  | 'bad-region'
  | 'bad-lot'
  | 'bad-time'
  | 'past-time'
  | 'exists'
  | 'bad-package'
  | 'tampered'
  | 'bad-signature'
  | 'untrusted-signer'
  | 'revoked'
  | 'revocation-unknown'
  | 'signer-not-allowed'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-passphrase'
  | 'passphrase-needed'
  | 'snapshot-region';

export class BriefingError extends Error {
  constructor(
    readonly code: BriefingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BriefingError';
  }
}
