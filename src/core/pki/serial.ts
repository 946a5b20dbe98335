import { randomBytes } from 'node:crypto';

/**
 * A random 16-byte serial as 32 lowercase hex digits. The top byte is forced into 0x40–0x7f:
 * positive (no sign bit) and never a leading zero, so the DER INTEGER is exactly 16 bytes.
 */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x3f) | 0x40;
  return bytes.toString('hex');
}

/** Serials compare as lowercase hex without leading zeros (Node prints them upper-case). */
export function normalizeSerial(hex: string): string {
  return hex.toLowerCase().replace(/^(00)+(?=[0-9a-f])/, '');
}
