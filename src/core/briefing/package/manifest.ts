import { z } from 'zod';

/** What a briefing package's signature covers: every byte of its payload and every file in it, by hash. */
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const adcode = z.string().regex(/^\d{6}$/);
const b64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);

export const PACKAGE_FORMAT = 'inrs-briefing-package';
export const PACKAGE_VERSION = 1;

export const encryptionSchema = z.object({
  cipher: z.literal('aes-256-gcm'),
  kdf: z.literal('scrypt'),
  salt: b64,
  /** scrypt cost: N = 2^logN. */
  logN: z.number().int().min(14).max(20),
  r: z.number().int().min(8).max(16),
  p: z.number().int().min(1).max(4),
  iv: b64,
  tag: b64,
});

export const manifestSchema = z.strictObject({
  format: z.literal(PACKAGE_FORMAT),
  version: z.literal(PACKAGE_VERSION),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  creator: z.strictObject({ subject: z.string(), role: z.string(), region: adcode, serial: z.string(), fingerprint256: z.string() }),
  /** Provinces packed (the national reference log 000000 always travels with them). */
  regions: z.array(adcode).min(1).max(40),
  /** Chain head of every region in the packed replica: checked again after unpacking. */
  heads: z.array(z.strictObject({ region: adcode, lastSeq: z.number().int().nonnegative(), headHash: hex64, dataAsOf: z.string().nullable() })),
  files: z.array(z.strictObject({ name: z.enum(['replica.db', 'replica.key', 'briefing.pdf']), size: z.number().int().nonnegative(), sha256: hex64 })).min(2),
  payload: z.strictObject({ size: z.number().int().nonnegative(), sha256: hex64, encryption: encryptionSchema.nullable() }),
});

export const headerSchema = z.strictObject({
  manifest: manifestSchema,
  /** RSA-SHA256 over the canonical JSON of the manifest, by the creator's certificate key. */
  signature: b64,
  /** The signer's certificate first, then its issuers (PEM). */
  signerChain: z.array(z.string().max(8192)).min(1).max(4),
});

export type Manifest = z.output<typeof manifestSchema>;
export type PackageHeader = z.output<typeof headerSchema>;
export type Encryption = z.output<typeof encryptionSchema>;
