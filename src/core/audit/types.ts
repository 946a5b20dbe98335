/** What an audit can find wrong with a stored log, named as an auditor would. */
export type ProblemKind =
  | 'edited' // content, chain link or hash of a stored event changed
  | 'missing' // an event removed (a gap, or a gap closed by renumbering)
  | 'reordered' // an event stored at another position than it was sealed at
  | 'inserted' // an event that was never sealed into this chain
  | 'truncated' // the log ends before its head or a checkpoint
  | 'fork' // two signed checkpoints for one seq with different hashes
  | 'checkpoint' // a checkpoint whose signature or hash does not hold
  | 'head' // the region head disagrees with the log
  | 'state'; // projected tables disagree with a fresh replay of the log

export interface AuditProblem {
  region: string;
  /** The first seq the problem concerns. */
  seq: number;
  kind: ProblemKind;
  message: string;
}

export interface RegionAudit {
  region: string;
  events: number;
  firstSeq: number | null;
  lastSeq: number | null;
  headSeq: number | null;
  /** Seq of the snapshot checkpoint the stored log starts after, when it does. */
  fromSnapshot: number | null;
  checkpoints: { total: number; verified: number };
  state: 'equal' | 'differs' | 'skipped';
  stateNote: string | null;
  status: 'verified' | 'verified-from-snapshot' | 'failed';
  problems: AuditProblem[];
}

export interface AuditReport {
  ok: boolean;
  target: string;
  /** True when checkpoint signatures were checked against a given national root. */
  anchored: boolean;
  regions: RegionAudit[];
  firstProblem: AuditProblem | null;
  events: number;
  millis: { chain: number; replay: number; total: number };
  /** Whole audit, and the chain re-derivation alone. */
  eventsPerSecond: number;
  chainEventsPerSecond: number;
}
