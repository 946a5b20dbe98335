import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { EventRow } from '../audit/event-row';
import type { Checkpoint } from '../../shared/protocol/frames';
import { BackupError } from './errors';

/** The ledger tables an incremental carries (server-local: decided results, used nonces, audit). */
export const LEDGER_TABLES = ['command_results', 'command_nonces', 'command_audit'] as const;
export type LedgerTable = (typeof LEDGER_TABLES)[number];

/** One line of an incremental segment: an event as stored, a signed checkpoint, or a ledger row. */
export type SegmentLine =
  | { event: EventRow; region: string }
  | { checkpoint: Checkpoint }
  | { ledger: LedgerTable; row: Record<string, unknown> };

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** gzip, then AES-256-GCM with the backup key: IV ‖ ciphertext ‖ tag. */
export function sealSegment(lines: readonly SegmentLine[], key: Buffer): Buffer {
  const plain = gzipSync(Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n'), 'utf8'));
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

export function openSegment(file: string, sealed: Buffer, key: Buffer): SegmentLine[] {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new BackupError('tampered', file, 'the segment is shorter than its IV and tag');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new BackupError('wrong-key', file, 'the segment does not decrypt with this backup key (wrong key, or the payload was changed)');
  }
  const text = gunzipSync(plain).toString('utf8');
  return text === '' ? [] : text.split('\n').map((line) => JSON.parse(line) as SegmentLine);
}
