import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFile } from '../../private-files';
import { revocationList, type CertInfo } from '../../pki';
import { parseKeyHex } from '../../replica/key-file';
import { openReplica } from '../../replica/replica';
import { BriefingError } from '../errors';
import { readContainer } from './container';
import { decrypt } from './crypto';
import type { Manifest } from './manifest';
import type { RevocationReport } from './revocation';
import { verifySigner } from './signer';

/** A package's creation time may run this far ahead of the reader's clock (unsynchronised clocks). */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface VerifyOptions {
  rootPem: string;
  /** The package's passphrase; without it an encrypted package's contents are not checked. */
  passphrase?: string;
  /** CRLs (PEM) to check the signer chain against; none: revocation is not checked, and the result says so. */
  crls?: readonly string[];
  now?: Date;
}

export interface VerifiedPackage {
  manifest: Manifest;
  signer: CertInfo;
  revocation: RevocationReport;
  /** The packed files, checked against the manifest; null when encrypted and no passphrase was given. */
  files: Map<string, Buffer> | null;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/**
 * Every check in the order that makes each refusal specific: the file's form, the signer chain
 * to the national root, its revocation (with CRLs), the signer's right to sign, the signature
 * over the manifest, every payload byte against its hash, the validity window, then (with the
 * passphrase) decryption and each file against its own hash.
 */
export function verifyPackage(file: string, options: VerifyOptions): VerifiedPackage {
  if (!existsSync(file)) throw new BriefingError('bad-package', `${file}: package not found`);
  const { header, payload } = readContainer(readFileSync(file), file);
  const { manifest } = header;
  const now = (options.now ?? new Date()).getTime();
  const crls = options.crls ?? [];
  const { info: signer, revocation } = verifySigner(manifest, header.signature, header.signerChain, {
    rootPem: options.rootPem,
    revocation: crls.length > 0 ? revocationList(crls) : null,
    now,
    file,
  });
  if (payload.length !== manifest.payload.size || sha256(payload) !== manifest.payload.sha256) {
    throw new BriefingError('tampered', `${file}: tampered: the contents do not match the signed manifest (${payload.length} bytes, expected ${manifest.payload.size}, or their hash differs)`);
  }
  if (now > Date.parse(manifest.expiresAt)) {
    throw new BriefingError('expired', `${file}: expired: the package was valid until ${manifest.expiresAt} (now ${new Date(now).toISOString()}); ask ${manifest.creator.subject} for a new one`);
  }
  if (Date.parse(manifest.createdAt) > now + CLOCK_SKEW_MS) {
    throw new BriefingError('not-yet-valid', `${file}: made at ${manifest.createdAt}, later than this machine's clock (${new Date(now).toISOString()}); check the clock`);
  }
  const encryption = manifest.payload.encryption;
  if (encryption && options.passphrase === undefined) return { manifest, signer, revocation, files: null };
  const plain = encryption ? decrypt(payload, encryption, options.passphrase as string, file) : payload;
  const files = new Map<string, Buffer>();
  let at = 0;
  for (const f of manifest.files) {
    const bytes = plain.subarray(at, at + f.size);
    at += f.size;
    if (bytes.length !== f.size || sha256(bytes) !== f.sha256) throw new BriefingError('tampered', `${file}: tampered: ${f.name} does not match its hash in the manifest`);
    files.set(f.name, bytes);
  }
  if (at !== plain.length) throw new BriefingError('tampered', `${file}: tampered: ${plain.length - at} bytes beyond the files the manifest lists`);
  return { manifest, signer, revocation, files };
}

export interface OpenResult extends VerifiedPackage {
  dir: string;
  replica: string;
  keyFile: string;
  briefing: string | null;
}

/**
 * Verifies a package and unpacks it into an empty folder: replica.db, replica.key (0600),
 * briefing.pdf and the manifest; then opens the replica and checks each region's chain head
 * against the signed manifest.
 */
export function openPackage(file: string, dir: string, options: VerifyOptions): OpenResult {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new BriefingError('exists', `${dir} is not empty; unpack into a new or empty folder`);
  if (options.passphrase === undefined) {
    // Verify first so an unencrypted package needs no passphrase and an encrypted one says so after the signature holds.
    const checked = verifyPackage(file, options);
    if (!checked.files) throw new BriefingError('passphrase-needed', `${file}: the package is encrypted; give --passphrase-file with its passphrase`);
    return unpack(checked, dir, file);
  }
  return unpack(verifyPackage(file, options), dir, file);
}

function unpack(checked: VerifiedPackage, dir: string, file: string): OpenResult {
  const files = checked.files as Map<string, Buffer>;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const replica = join(dir, 'replica.db');
  const keyFile = join(dir, 'replica.key');
  writeFileSync(replica, files.get('replica.db') as Buffer, { flag: 'wx', mode: 0o600 });
  writeFileSync(keyFile, files.get('replica.key') as Buffer, { flag: 'wx', mode: 0o600 });
  const pdf = files.get('briefing.pdf');
  const briefing = pdf ? join(dir, 'briefing.pdf') : null;
  if (pdf && briefing) writePrivateFile(briefing, pdf, 'wx');
  writePrivateFile(join(dir, 'manifest.json'), `${JSON.stringify({ ...checked.manifest, signer: checked.signer.subject }, null, 2)}\n`, 'wx');

  const opened = openReplica(replica, parseKeyHex((files.get('replica.key') as Buffer).toString('utf8'), keyFile), { readonly: true });
  try {
    const heads = new Map(opened.queries.stats().regions.map((r) => [r.region, r]));
    for (const h of checked.manifest.heads) {
      const got = heads.get(h.region);
      if (!got || got.lastSeq !== h.lastSeq || got.headHash !== h.headHash) {
        throw new BriefingError('tampered', `${file}: the unpacked replica's region ${h.region} head differs from the signed manifest`);
      }
    }
  } finally {
    opened.close();
  }
  return { ...checked, dir, replica, keyFile, briefing };
}
