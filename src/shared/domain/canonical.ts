/**
 * Canonical JSON: keys sorted at every depth, no whitespace. Hashes are taken over this
 * form so that the server, the replica and the auditor's tool agree byte for byte.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error('non-finite number in canonical JSON');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      throw new Error(`${typeof value} in canonical JSON`);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, the same order on every runtime.
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * The bytes an event's content id is computed over: canonical JSON of its content, built
 * around the payload's canonical text (which callers store too, so it is made once).
 */
export function eventContentText(
  draft: { region: string; type: string; eventTime: string; actor: unknown; instructionId: string | null },
  payloadText: string,
): string {
  return (
    `{"actor":${canonicalJson(draft.actor)},"eventTime":${JSON.stringify(draft.eventTime)},` +
    `"instructionId":${canonicalJson(draft.instructionId)},"payload":${payloadText},` +
    `"region":${JSON.stringify(draft.region)},"type":${JSON.stringify(draft.type)}}`
  );
}

/** The bytes an event's chain hash is computed over. */
export function chainLinkText(link: { prevHash: string; seq: number; recordTime: string; id: string }): string {
  return `${link.prevHash}\n${link.seq}\n${link.recordTime}\n${link.id}`;
}
