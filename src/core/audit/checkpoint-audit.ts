import type { Checkpoint } from '../../shared/protocol/frames';
import { checkpointProblem } from '../checkpoint/checkpoints';
import type { Db } from '../replica/open';
import type { AuditProblem } from './types';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export function loadCheckpoints(db: Db, region: string): Checkpoint[] {
  const rows = db
    .prepare<[string], { seq: number; hash: string; time: string; signature: string; signer_cert: string }>(
      'SELECT seq, hash, time, signature, signer_cert FROM checkpoints WHERE region = ? ORDER BY seq',
    )
    .all(region);
  return rows.map((r) => ({ region, seq: r.seq, hash: r.hash, time: r.time, signature: r.signature, signerCert: r.signer_cert }));
}

/** Without a national root the signer chain's own top is the anchor: consistent, but unanchored. */
function anchorOf(checkpoint: Checkpoint, rootPem: string | null): string | null {
  if (rootPem) return rootPem;
  const pems = checkpoint.signerCert.match(PEM_BLOCK);
  return pems?.at(-1) ?? null;
}

export interface CheckpointFindings {
  problems: AuditProblem[];
  verified: number;
  /** The one hash signed at each seq (seqs with a fork are left out). */
  hashBySeq: Map<number, string>;
  /** Seqs whose checkpoint signature holds. */
  signed: Set<number>;
}

/** Signature and signer of every checkpoint, and forks: one seq signed with two hashes. */
export function auditCheckpoints(region: string, checkpoints: readonly Checkpoint[], rootPem: string | null): CheckpointFindings {
  const findings: CheckpointFindings = { problems: [], verified: 0, hashBySeq: new Map(), signed: new Set() };
  const hashes = new Map<number, Set<string>>();
  for (const cp of checkpoints) {
    const anchor = anchorOf(cp, rootPem);
    let problem: string | null = anchor ? null : 'checkpoint carries no signer certificate';
    try {
      problem ??= checkpointProblem(cp, anchor as string);
    } catch (err) {
      problem = `signer certificate cannot be read (${(err as Error).message})`;
    }
    if (problem) findings.problems.push({ region, seq: cp.seq, kind: 'checkpoint', message: `checkpoint at seq ${cp.seq}: ${problem}` });
    else {
      findings.verified++;
      findings.signed.add(cp.seq);
    }
    const set = hashes.get(cp.seq) ?? new Set<string>();
    set.add(cp.hash);
    hashes.set(cp.seq, set);
  }
  for (const [seq, set] of hashes) {
    if (set.size === 1) findings.hashBySeq.set(seq, [...set][0] as string);
    else {
      const list = [...set].map((h) => `${h.slice(0, 12)}…`).join(', ');
      findings.problems.push({ region, seq, kind: 'fork', message: `fork at seq ${seq}: ${set.size} checkpoints sign different hashes (${list})` });
    }
  }
  return findings;
}
