import { AppError, type ErrorShape } from '../../shared/errors';

/** Why a replica (or its key) could not be opened. Each names the file and the cause. */
export const REPLICA_ERROR_CODES = [
  'missing-file',
  'missing-key',
  'key-file-mode',
  'bad-key-file',
  'wrong-key',
  'corrupt',
  'not-a-replica',
  'plaintext',
  'newer-schema',
  'refused-plaintext-keystore',
  'exists',
] as const;
export type ReplicaErrorCode = (typeof REPLICA_ERROR_CODES)[number];

const isReplicaCode = (code: string): code is ReplicaErrorCode => (REPLICA_ERROR_CODES as readonly string[]).includes(code);

/** Its shape carries the file and the bare reason in `details`, so it is rebuilt as it was. */
export class ReplicaError extends AppError<ReplicaErrorCode> {
  constructor(
    code: ReplicaErrorCode,
    readonly file: string,
    readonly reason: string,
  ) {
    super(code, `${file}: ${reason}`, { file, reason });
    this.name = 'ReplicaError';
  }

  /** The error again from its shape; null when the shape is not a replica error's. */
  static fromShape(shape: ErrorShape): ReplicaError | null {
    const file = shape.details?.file;
    const reason = shape.details?.reason;
    if (!isReplicaCode(shape.code) || typeof file !== 'string' || typeof reason !== 'string') return null;
    return new ReplicaError(shape.code, file, reason);
  }
}
