import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { ROLES } from '../../shared/domain/events';
import { PkiError } from './errors';
import { writeFileAtomic } from './files';
import { existingLayout, type PkiLayout } from './layout';

/** RFC 5280 reason codes a revocation may carry (unspecified is left out of the CRL entry). */
export const REVOCATION_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  privilegeWithdrawn: 9,
} as const;
export type RevocationReason = keyof typeof REVOCATION_REASONS;
const reasonNames = Object.keys(REVOCATION_REASONS) as [RevocationReason, ...RevocationReason[]];

const recordSchema = z.object({
  serial: z.string().regex(/^[0-9a-f]+$/),
  kind: z.enum(['server', 'client']),
  subject: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  region: z.string().regex(/^\d{6}$/),
  depot: z.string().nullable(),
  notBefore: z.string(),
  notAfter: z.string(),
  issuedAt: z.string(),
  file: z.string(),
  /** SHA-256 of the certificate's DER: a serial alone could be forged by another CA. */
  fingerprint256: z.string().regex(/^[0-9a-f]{64}$/),
  revoked: z.object({ time: z.string(), reason: z.enum(reasonNames) }).nullable(),
});
const indexSchema = z.object({ version: z.literal(1), certificates: z.array(recordSchema) });

/** One certificate this PKI issued, as listed in `issued.json`. */
export type IssuedRecord = z.infer<typeof recordSchema>;
export type IssuedIndex = z.infer<typeof indexSchema>;

export function readIndex(layout: PkiLayout): IssuedIndex {
  if (!existsSync(layout.index)) return { version: 1, certificates: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(layout.index, 'utf8'));
  } catch {
    throw new PkiError('corrupt-pki', `${layout.index}: not valid JSON`);
  }
  const result = indexSchema.safeParse(parsed);
  if (!result.success) throw new PkiError('corrupt-pki', `${layout.index}: not an issued-certificate index (${result.error.issues[0]?.message ?? 'invalid'})`);
  return result.data;
}

export function writeIndex(layout: PkiLayout, index: IssuedIndex): void {
  writeFileAtomic(layout.index, `${JSON.stringify(index, null, 2)}\n`);
}

export function revokedInRegion(index: IssuedIndex, region: string): IssuedRecord[] {
  return index.certificates.filter((c) => c.region === region && c.revoked !== null);
}

/** The index entry of `serial` in the PKI at `dir`, or null when this PKI did not issue it. */
export function lookupIssued(dir: string, serial: string): IssuedRecord | null {
  return readIndex(existingLayout(dir)).certificates.find((c) => c.serial === serial) ?? null;
}
