import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { identityPassphrasePath } from '../pki';

/** The headless client's (and the app's) list of regions and their servers. */
export const syncConfigSchema = z.object({
  replica: z.string().min(1),
  keyFile: z.string().min(1),
  identity: z.string().min(1),
  /** The identity's own passphrase file (never the CA's); by default the one beside the .p12. */
  passphraseFile: z.string().min(1).optional(),
  rootCert: z.string().min(1),
  /** CRL files or folders of them (a PKI's crl/): servers are checked against them; servers send newer ones. */
  crls: z.array(z.string().min(1)).default([]),
  clientId: z.string().min(1).max(128).optional(),
  regions: z.record(
    z.string().regex(/^\d{6}$/),
    z.object({ urls: z.array(z.string().regex(/^wss:\/\//)).min(1), pins: z.array(z.string()).default([]) }),
  ),
});
/** As read: every path absolute, the passphrase file resolved. */
export type SyncConfig = Omit<z.output<typeof syncConfigSchema>, 'passphraseFile'> & { passphraseFile: string };

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
  const identity = at(c.identity);
  const passphraseFile = c.passphraseFile === undefined ? identityPassphrasePath(identity) : at(c.passphraseFile);
  return { ...c, replica: at(c.replica), keyFile: at(c.keyFile), identity, passphraseFile, rootCert: at(c.rootCert), crls: c.crls.map(at) };
}
