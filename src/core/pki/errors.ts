/** Why a PKI operation was refused. Each message names the file or value and the cause. */
export type PkiErrorCode =
  | 'missing-pki'
  | 'exists'
  | 'missing-file'
  | 'missing-passphrase'
  | 'passphrase-file-mode'
  | 'bad-passphrase-file'
  | 'wrong-passphrase'
  | 'same-passphrase'
  | 'ca-material'
  | 'unknown-kind'
  | 'unknown-role'
  | 'bad-region'
  | 'bad-depot'
  | 'depot-role'
  | 'scope'
  | 'bad-name'
  | 'bad-host'
  | 'bad-validity'
  | 'bad-certificate'
  | 'bad-p12'
  | 'not-issued-here'
  | 'already-revoked'
  | 'bad-reason'
  | 'unknown-region'
  | 'corrupt-pki';

export class PkiError extends Error {
  constructor(
    readonly code: PkiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PkiError';
  }
}
