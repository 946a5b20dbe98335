/**
 * Stable codes of a refused command (commandResult.code): the app keys its messages on these,
 * the server's `reason` adds the particulars. The wire keeps the field an open string so a
 * newer server's code does not break an older client.
 */
export const COMMAND_REFUSAL_CODES = [
  /** The envelope (or draft) fails its schema, or its id differs from the frame's. */
  'malformed',
  /** A world-changing command (emergency, instruction) sent as an unsigned draft. */
  'unsigned',
  /** Reference data (regions, categories, depots) is never accepted from a client. */
  'reference-data',
  'bad-signature',
  /** The signer chain does not lead through its region's intermediate to the national root. */
  'untrusted-signer',
  'revoked',
  /** The revocation status of the signer is unknown (no valid CRL of its issuer). */
  'revocation-unknown',
  /** The signer certificate is not valid now (expired or not yet valid). */
  'signer-not-valid',
  'wrong-region',
  'expired',
  /** issuedAt in the future, or a validity longer than allowed. */
  'time-window',
  'replayed-nonce',
  'command-id-reused',
  'role',
  'scope',
  'stale-level',
  'no-change',
  'no-proposal',
  'proposal-expired',
  'proposal-closed',
  'same-officer',
  'proposal-pending',
  'not-break-glass',
  'unknown-instruction',
  'already-acknowledged',
  /** A published alert rule set must carry the next version of its region's rules. */
  'stale-rule-version',
  /** A resolved raising of a rule alert takes no further acknowledgement, assignment or resolution. */
  'already-resolved',
  'issuer-mismatch',
  /** A forwarded instruction names a parent that is not an instruction of its region. */
  'unknown-parent',
  /** A forwarded instruction must be of a lower level than its parent (central → province → depot). */
  'parent-level',
  /** A forwarded instruction's lines ask for what its parent does not (category, depot, quantity). */
  'beyond-parent',
  /** A domain rule of the projector refused the event (a debit beyond stock, an unknown lot…). */
  'rejected',
  /** The server failed while deciding; nothing of the command was applied. */
  'internal',
  /** Too many commands from this connection or certificate in the current window; nothing was decided. */
  'rate-limited',
  /** A contributor's connection is confined to its own registry records (the contributor firewall). */
  'firewall',
  /** A registry request refers to an asset that is not there (or not the contributor's own). */
  'unknown-asset',
  /** The region's shared log has no quorum (or is out of reach); nothing was decided, reads go on. */
  'unavailable',
] as const;
export type CommandRefusalCode = (typeof COMMAND_REFUSAL_CODES)[number];
