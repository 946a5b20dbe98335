import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

/** The headless client's (and the app's) list of regions and their servers. */
export const syncConfigSchema = z.object({
  replica: z.string().min(1),
  keyFile: z.string().min(1),
  identity: z.string().min(1),
  passphraseFile: z.string().min(1),
  rootCert: z.string().min(1),
  /** CRL files or folders of them (a PKI's crl/): servers are checked against them; servers send newer ones. */
  crls: z.array(z.string().min(1)).default([]),
  clientId: z.string().min(1).max(128).optional(),
  regions: z.record(
    z.string().regex(/^\d{6}$/),
    z.object({ urls: z.array(z.string().regex(/^wss:\/\//)).min(1), pins: z.array(z.string()).default([]) }),
  ),
});
export type SyncConfig = z.output<typeof syncConfigSchema>;

/** Reads a config file; relative paths in it are relative to the file. */
export function readSyncConfig(file: string): SyncConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
  const parsed = syncConfigSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  const base = dirname(resolve(file));
  const at = (p: string) => resolve(base, p);
  const c = parsed.data;
  return { ...c, replica: at(c.replica), keyFile: at(c.keyFile), identity: at(c.identity), passphraseFile: at(c.passphraseFile), rootCert: at(c.rootCert), crls: c.crls.map(at) };
}
