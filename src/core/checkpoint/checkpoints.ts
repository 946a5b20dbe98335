import { X509Certificate, sign, verify } from 'node:crypto';
import { checkpointSigningText, type Checkpoint } from '../../shared/protocol/frames';
import type { Db } from '../replica/open';

/** Signs a checkpoint with the server's private key; the signer's chain travels with it. */
export function signCheckpoint(
  fields: Pick<Checkpoint, 'region' | 'seq' | 'hash' | 'time'>,
  keyPem: string,
  chainPem: string[],
): Checkpoint {
  const signature = sign('sha256', Buffer.from(checkpointSigningText(fields)), keyPem).toString('base64');
  return { ...fields, signature, signerCert: chainPem.join('\n') };
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Why a checkpoint cannot be trusted, or null: the signer chain must lead to the national
 * root, the signer be a regional server of the checkpoint's region, valid at the
 * checkpoint's time, and the signature verify.
 */
export function checkpointProblem(checkpoint: Checkpoint, rootPem: string): string | null {
  const pems = checkpoint.signerCert.match(PEM_BLOCK) ?? [];
  let chain: X509Certificate[];
  try {
    chain = pems.map((p) => new X509Certificate(p));
  } catch {
    return 'signer certificate is not a valid X.509 certificate';
  }
  const leaf = chain[0];
  if (!leaf) return 'checkpoint carries no signer certificate';
  const root = new X509Certificate(rootPem);
  const issuedBy = (child: X509Certificate, issuer: X509Certificate) => child.checkIssued(issuer) && child.verify(issuer.publicKey);
  let current = leaf;
  for (const next of chain.slice(1)) {
    if (next.fingerprint256 === root.fingerprint256) break;
    if (!issuedBy(current, next)) return 'signer chain is broken';
    current = next;
  }
  if (!issuedBy(current, root)) return 'signer chain does not lead to the national root';
  const san = leaf.subjectAltName ?? '';
  if (!san.includes('urn:inrs:role:regional-server')) return 'signer is not a regional server';
  if (!san.includes(`urn:inrs:region:${checkpoint.region}`)) return `signer is not a server of region ${checkpoint.region}`;
  const at = Date.parse(checkpoint.time);
  if (at < Date.parse(leaf.validFrom) || at > Date.parse(leaf.validTo)) return 'signer certificate was not valid at the checkpoint time';
  const ok = verify('sha256', Buffer.from(checkpointSigningText(checkpoint)), leaf.publicKey, Buffer.from(checkpoint.signature, 'base64'));
  return ok ? null : 'signature does not verify';
}

export function createCheckpointStore(db: Db) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO checkpoints (region, seq, hash, time, signature, signer_cert)
     VALUES (@region, @seq, @hash, @time, @signature, @signerCert)`,
  );
  const latest = db.prepare<[string], { region: string; seq: number; hash: string; time: string; signature: string; signer_cert: string }>(
    'SELECT * FROM checkpoints WHERE region = ? ORDER BY seq DESC LIMIT 1',
  );
  return {
    save(checkpoint: Checkpoint): void {
      insert.run(checkpoint);
    },
    latest(region: string): Checkpoint | null {
      const row = latest.get(region);
      return row ? { region: row.region, seq: row.seq, hash: row.hash, time: row.time, signature: row.signature, signerCert: row.signer_cert } : null;
    },
  };
}
