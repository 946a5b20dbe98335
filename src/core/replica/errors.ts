/** Why a replica (or its key) could not be opened. Each names the file and the cause. */
export type ReplicaErrorCode =
  | 'missing-file'
  | 'missing-key'
  | 'key-file-mode'
  | 'bad-key-file'
  | 'wrong-key'
  | 'corrupt'
  | 'not-a-replica'
  | 'plaintext'
  | 'newer-schema'
  | 'refused-plaintext-keystore'
  | 'exists';

export class ReplicaError extends Error {
  constructor(
    readonly code: ReplicaErrorCode,
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ReplicaError';
  }
}
