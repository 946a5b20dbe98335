import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

/**
 * The `backups` section of a server's configuration file (`inrs server --config FILE`): where
 * backups go, the backup key, how often a full and an incremental backup is made and how many of
 * each are kept. Relative paths are read from the configuration file's folder.
 */
export const backupPolicySchema = z
  .object({
    dir: z.string().min(1),
    backupKeyFile: z.string().min(1),
    incrementalEveryMinutes: z.number().positive().default(60),
    fullEveryHours: z.number().positive().default(24),
    keepIncrementals: z.number().int().nonnegative().default(48),
    keepFulls: z.number().int().positive().default(7),
  })
  .strict();
export type BackupPolicy = z.infer<typeof backupPolicySchema>;

const serverConfigSchema = z.object({ backups: backupPolicySchema.optional() }).passthrough();

export function readBackupPolicy(configFile: string): BackupPolicy | null {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(configFile, 'utf8'));
  } catch (err) {
    throw new Error(`${configFile}: not a readable JSON configuration (${(err as Error).message})`);
  }
  const parsed = serverConfigSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${configFile}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const policy = parsed.data.backups;
  if (!policy) return null;
  const base = dirname(resolve(configFile));
  return { ...policy, dir: resolve(base, policy.dir), backupKeyFile: resolve(base, policy.backupKeyFile) };
}
