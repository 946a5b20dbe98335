import { AppError } from '../../shared/errors';

/** Why a backup could not be made, verified or restored. Each names the file and what is wrong. */
export const BACKUP_ERROR_CODES = [
  'not-a-backup',
  'tampered',
  'wrong-signer',
  'bad-signature',
  'wrong-key',
  'broken-chain',
  'reordered',
  'missing-incremental',
  'not-empty',
  'source-diverged',
  'usage',
] as const;
export type BackupErrorCode = (typeof BACKUP_ERROR_CODES)[number];

export class BackupError extends AppError<BackupErrorCode> {
  constructor(
    code: BackupErrorCode,
    readonly file: string,
    readonly reason: string,
  ) {
    super(code, `${file}: ${code}: ${reason}`, { file, reason });
    this.name = 'BackupError';
  }
}
