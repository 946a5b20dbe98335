import type { PeerCertificate } from 'node:tls';
import { type Role, scopeFromUris } from './scope';

export interface PeerIdentity {
  subject: string;
  name: string;
  role: Role;
  region: string;
  depot: string | null;
}

/**
 * Node's `subjectaltname` string: `TYPE:value` entries joined by ", ", a value JSON-quoted
 * when it holds a separator or quote.
 */
export function parseSubjectAltName(text: string): { type: string; value: string }[] {
  const entries: { type: string; value: string }[] = [];
  const entry = /([A-Za-z][A-Za-z ]*):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/y;
  while (entry.lastIndex < text.length) {
    const start = entry.lastIndex;
    const m = entry.exec(text);
    if (!m || entry.lastIndex === start) return [];
    const raw = m[2] ?? '';
    let value = raw;
    if (raw.startsWith('"')) {
      try {
        value = JSON.parse(raw) as string;
      } catch {
        return [];
      }
    }
    entries.push({ type: m[1] ?? '', value });
  }
  return entries;
}

const single = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Who the verified peer is: name from the subject, role and scope from its URI names. null
 * when the certificate carries no well-formed INRS scope, or a subject that contradicts it.
 */
export function identityFromPeer(peer: PeerCertificate): PeerIdentity | null {
  if (!peer || typeof peer.subjectaltname !== 'string' || !peer.subject) return null;
  const uris = parseSubjectAltName(peer.subjectaltname)
    .filter((e) => e.type === 'URI')
    .map((e) => e.value);
  const scope = scopeFromUris(uris);
  const name = single(peer.subject.CN);
  if (!scope || !name) return null;
  // The subject repeats the scope for people; a certificate where they disagree is not ours.
  if (single(peer.subject.OU) !== scope.role || single(peer.subject.O) !== scope.region) return null;
  return { subject: `CN=${name},OU=${scope.role},O=${scope.region}`, name, role: scope.role, region: scope.region, depot: scope.depot };
}
