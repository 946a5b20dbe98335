/**
 * Canonical JSON: keys sorted at every depth, no whitespace. Hashes are taken over this
 * form so that the server, the replica and the auditor's tool agree byte for byte.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('non-finite number in canonical JSON');
    if (value === undefined) throw new Error('undefined in canonical JSON');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The bytes an event's content id is computed over. */
export function eventContentText(draft: {
  region: string;
  type: string;
  eventTime: string;
  actor: unknown;
  instructionId: string | null;
  payload: unknown;
}): string {
  return canonicalJson({
    region: draft.region,
    type: draft.type,
    eventTime: draft.eventTime,
    actor: draft.actor,
    instructionId: draft.instructionId,
    payload: draft.payload,
  });
}

/** The bytes an event's chain hash is computed over. */
export function chainLinkText(link: { prevHash: string; seq: number; recordTime: string; id: string }): string {
  return `${link.prevHash}\n${link.seq}\n${link.recordTime}\n${link.id}`;
}
