import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATIONAL_SCOPE } from '../../../shared/domain/roles';
import type { Identity } from '../../pki';
import { newReplicaKey } from '../../replica/key-file';
import type { Db } from '../../replica/open';
import { openReplica } from '../../replica/replica';
import { BriefingError } from '../errors';
import { exportBriefing } from '../export';
import { writeContainer } from './container';
import { buildSubsetReplica } from './subset-replica';
import { encrypt } from './crypto';
import { PACKAGE_FORMAT, PACKAGE_VERSION, type Manifest } from './manifest';
import { signerRefusal, signManifest } from './signer';

export interface PackOptions {
  /** Provinces to pack; every province the replica holds when absent. */
  regions?: readonly string[];
  expiresAt: string;
  identity: Identity;
  /** Encrypt the contents (AES-256-GCM, key by scrypt from this passphrase). */
  passphrase?: string;
  out: string;
  now?: Date;
  onStep?: (step: string, done?: number, total?: number) => void;
}

export interface PackResult {
  file: string;
  bytes: number;
  regions: string[];
  events: number;
  encrypted: boolean;
  expiresAt: string;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const ADCODE = /^\d{6}$/;

function chooseRegions(source: Db, asked: readonly string[] | undefined): string[] {
  const held = source.prepare<[], { region: string }>('SELECT region FROM region_heads ORDER BY region').all().map((r) => r.region).filter((r) => r !== NATIONAL_SCOPE);
  if (!asked || asked.length === 0) return held;
  for (const r of asked) {
    if (!ADCODE.test(r)) throw new BriefingError('bad-region', `--regions: "${r}" is not a 6-digit adcode such as 430000`);
    if (r === NATIONAL_SCOPE) throw new BriefingError('bad-region', '--regions: 000000 (the national reference log) is always packed; list provinces only');
    if (!held.includes(r)) throw new BriefingError('bad-region', `--regions: the replica holds no events of region ${r}`);
  }
  return [...new Set(asked)].sort();
}

/**
 * Packs a signed (and optionally encrypted), expiring briefing package: a new replica of the
 * chosen regions under a fresh key, that key, and the briefing PDF of those regions.
 */
export function packBriefing(source: Db, options: PackOptions): PackResult {
  const now = options.now ?? new Date();
  const expires = Date.parse(options.expiresAt);
  if (Number.isNaN(expires)) throw new BriefingError('bad-time', `--expires "${options.expiresAt}" is not a time; give an ISO 8601 instant such as 2025-07-07T00:00:00Z`);
  if (expires <= now.getTime()) throw new BriefingError('bad-time', `--expires ${options.expiresAt} is already past`);
  const info = options.identity.info;
  if (expires > Date.parse(info.notAfter)) {
    throw new BriefingError('bad-time', `--expires ${options.expiresAt} is after the signer certificate expires (${info.notAfter}); a package cannot outlive its signer's authority`);
  }
  if (existsSync(options.out)) throw new BriefingError('exists', `${options.out} already exists; choose another --out`);
  const regions = chooseRegions(source, options.regions);
  const refusal = signerRefusal(info, regions);
  if (refusal) throw new BriefingError('signer-not-allowed', refusal);

  const work = mkdtempSync(join(tmpdir(), 'inrs-pack-'));
  try {
    const key = newReplicaKey();
    const replicaFile = join(work, 'replica.db');
    options.onStep?.('replica');
    const { events } = buildSubsetReplicaWithProgress(source, regions, replicaFile, key, options.onStep);
    const replica = openReplica(replicaFile, key, { readonly: true });
    let heads: Manifest['heads'];
    try {
      options.onStep?.('briefing');
      heads = replica.queries.stats().regions.map((r) => ({ region: r.region, lastSeq: r.lastSeq, headHash: r.headHash, dataAsOf: r.dataAsOf }));
      exportBriefing(replica.db, { out: join(work, 'briefing.pdf'), generatedBy: info.subject, now, ...(regions.length === 1 ? { region: regions[0] as string } : {}) });
    } finally {
      replica.close();
    }
    const files = [
      { name: 'replica.db' as const, bytes: readFileSync(replicaFile) },
      { name: 'replica.key' as const, bytes: Buffer.from(`${key.toString('hex')}\n`) },
      { name: 'briefing.pdf' as const, bytes: readFileSync(join(work, 'briefing.pdf')) },
    ];
    const plain = Buffer.concat(files.map((f) => f.bytes));
    options.onStep?.(options.passphrase ? 'encrypt' : 'sign');
    const sealed = options.passphrase ? encrypt(plain, options.passphrase) : { ciphertext: plain, encryption: null };
    const manifest: Manifest = {
      format: PACKAGE_FORMAT,
      version: PACKAGE_VERSION,
      createdAt: now.toISOString(),
      expiresAt: new Date(expires).toISOString(),
      creator: { subject: info.subject, role: info.role ?? '', region: info.region ?? '', serial: info.serial, fingerprint256: info.fingerprint256 },
      regions,
      heads,
      files: files.map((f) => ({ name: f.name, size: f.bytes.length, sha256: sha256(f.bytes) })),
      payload: { size: sealed.ciphertext.length, sha256: sha256(sealed.ciphertext), encryption: sealed.encryption },
    };
    const container = writeContainer({ manifest, signature: signManifest(manifest, options.identity.keyPem), signerChain: options.identity.chainPem }, sealed.ciphertext);
    const partial = `${options.out}.partial`;
    writeFileSync(partial, container, { mode: 0o600 });
    renameSync(partial, options.out);
    return { file: options.out, bytes: container.length, regions, events, encrypted: sealed.encryption !== null, expiresAt: manifest.expiresAt };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function buildSubsetReplicaWithProgress(source: Db, regions: readonly string[], file: string, key: Buffer, onStep: PackOptions['onStep']): { events: number } {
  return buildSubsetReplica(source, regions, file, key, (done, total) => onStep?.('replica', done, total));
}
