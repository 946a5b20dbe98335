import { z } from 'zod';

export const BACKUP_FORMAT = 'inrs-backup/1';

/** One region's log as the backup holds it: events firstSeq..lastSeq, the first linking to prevHash. */
export const logRangeSchema = z.object({
  region: z.string().regex(/^\d{6}$/),
  firstSeq: z.number().int().nonnegative(),
  lastSeq: z.number().int().nonnegative(),
  prevHash: z.string(),
  headHash: z.string(),
});
export type LogRange = z.infer<typeof logRangeSchema>;

/**
 * What a backup holds, signed by the identity that made it. `payload` says how the bytes after the
 * header are kept: `sqlcipher4` (a full copy of the store, SQLCipher 4 with the backup key) or
 * `aes-256-gcm+gzip-jsonl` (an incremental segment: 12-byte IV, ciphertext, 16-byte tag).
 */
export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  id: z.string().uuid(),
  kind: z.enum(['full', 'incremental']),
  source: z.enum(['server', 'replica']),
  /** The server's region (a replica backup: the signer's region). */
  region: z.string().regex(/^\d{6}$/),
  /** The own region's range, as in `logs` (0/0 when the region has no event yet). */
  firstSeq: z.number().int().nonnegative(),
  lastSeq: z.number().int().nonnegative(),
  headHash: z.string(),
  logs: z.array(logRangeSchema),
  createdAt: z.string().datetime(),
  previousId: z.string().uuid().nullable(),
  /** Command ledger rows carried: audit rows after this id, results and nonces from this time on. */
  ledger: z.object({ auditMaxId: z.number().int().nonnegative(), since: z.string() }),
  payload: z.enum(['sqlcipher4', 'aes-256-gcm+gzip-jsonl']),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  contentBytes: z.number().int().nonnegative(),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The signed header: the manifest's exact text, its signature and the signer's chain (leaf first). */
export const headerSchema = z.object({
  manifest: z.string(),
  signature: z.string(),
  signerChain: z.array(z.string()).min(1),
});
export type BackupHeader = z.infer<typeof headerSchema>;
