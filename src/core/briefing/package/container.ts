import { BriefingError } from '../errors';
import { headerSchema, type PackageHeader } from './manifest';

/**
 * The .inrsbrief file: the magic "INRSBRF1", the header's length (4 bytes, big-endian), the
 * header (JSON: manifest, signature, signer chain), then the payload: the packed files one
 * after another, AES-256-GCM encrypted when the package is.
 */
const MAGIC = Buffer.from('INRSBRF1', 'latin1');
const MAX_HEADER = 64 * 1024;

export function writeContainer(header: PackageHeader, payload: Buffer): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, length, json, payload]);
}

export function readContainer(bytes: Buffer, file: string): { header: PackageHeader; payload: Buffer } {
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BriefingError('bad-package', `${file}: not a briefing package (no INRSBRF1 signature at the start)`);
  }
  const length = bytes.readUInt32BE(MAGIC.length);
  const start = MAGIC.length + 4;
  if (length > MAX_HEADER || start + length > bytes.length) throw new BriefingError('tampered', `${file}: damaged package: header length ${length} does not fit the file`);
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.subarray(start, start + length).toString('utf8'));
  } catch {
    throw new BriefingError('tampered', `${file}: damaged package: its header is not readable JSON (altered or truncated)`);
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) throw new BriefingError('tampered', `${file}: damaged package: its header does not have the package's form (${parsed.error.issues[0]?.path.join('.') ?? '?'}: ${parsed.error.issues[0]?.message ?? ''})`);
  return { header: parsed.data, payload: bytes.subarray(start + length) };
}
