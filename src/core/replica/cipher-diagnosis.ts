import { createHmac, pbkdf2Sync } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';

/**
 * Tells a wrong key from a damaged file without trusting SQLite's one-size-fits-all
 * "file is not a database": checks the SQLCipher 4 per-page HMAC of the first pages
 * with the given raw key (page size 4096, 16-byte IV + 64-byte HMAC-SHA512 reserved,
 * HMAC key = PBKDF2-HMAC-SHA512(key, salt ^ 0x3a, 2 iterations)).
 */
export const CIPHER_PAGE_SIZE = 4096;
const RESERVE = 80;
const HMAC_BYTES = 64;
const SALT_BYTES = 16;
const PAGES_PROBED = 8;

export type CipherDiagnosis =
  | { kind: 'empty' }
  | { kind: 'plaintext-sqlite' }
  | { kind: 'bad-size'; size: number }
  | { kind: 'key-matches' }
  | { kind: 'first-page-damaged' }
  | { kind: 'key-mismatch' };

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function pageHmacOk(page: Buffer, pageNo: number, hmacKey: Buffer): boolean {
  const start = pageNo === 1 ? SALT_BYTES : 0;
  const macAt = CIPHER_PAGE_SIZE - HMAC_BYTES;
  const pgno = Buffer.alloc(4);
  pgno.writeUInt32LE(pageNo);
  const mac = createHmac('sha512', hmacKey).update(page.subarray(start, macAt)).update(pgno).digest();
  return mac.equals(page.subarray(macAt, macAt + HMAC_BYTES));
}

export function readHeader(file: string, bytes: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export function isPlaintextSqlite(header: Buffer): boolean {
  return header.length >= SQLITE_HEADER.length && header.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER);
}

export function diagnoseCipherFile(file: string, key: Buffer): CipherDiagnosis {
  const size = statSync(file).size;
  if (size === 0) return { kind: 'empty' };
  const head = readHeader(file, Math.min(size, CIPHER_PAGE_SIZE * PAGES_PROBED));
  if (isPlaintextSqlite(head)) return { kind: 'plaintext-sqlite' };
  if (size % CIPHER_PAGE_SIZE !== 0) return { kind: 'bad-size', size };
  const salt = Buffer.from(head.subarray(0, SALT_BYTES).map((b) => b ^ 0x3a));
  const hmacKey = pbkdf2Sync(key, salt, 2, 32, 'sha512');
  const pages = Math.floor(head.length / CIPHER_PAGE_SIZE);
  const ok = (n: number) => pageHmacOk(head.subarray((n - 1) * CIPHER_PAGE_SIZE, n * CIPHER_PAGE_SIZE), n, hmacKey);
  if (ok(1)) return { kind: 'key-matches' };
  for (let n = 2; n <= pages; n++) if (ok(n)) return { kind: 'first-page-damaged' };
  return { kind: 'key-mismatch' };
}

export { RESERVE as CIPHER_RESERVE_BYTES };
