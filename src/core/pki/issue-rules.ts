/** The rules of an issue request: its kind, a server's host names, the validity period. */
import { isIP } from 'node:net';
import { BACKDATE_MS } from './ca';
import type { AltName } from './cert-build';
import { PkiError } from './errors';

export type CertKind = 'server' | 'client';
export const CERT_KINDS: readonly CertKind[] = ['server', 'client'];
/** Client certificates are short-lived by default: revocation is the slow path, expiry the fast one. */
export const DEFAULT_DAYS: Record<CertKind, number> = { client: 7, server: 365 };
const MAX_DAYS = 3650;
const DAY_MS = 24 * 3600 * 1000;
const DNS_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

export function checkKind(kind: string): CertKind {
  if (!(CERT_KINDS as readonly string[]).includes(kind)) throw new PkiError('unknown-kind', `unknown kind "${kind}" (server or client)`);
  return kind as CertKind;
}

/** localhost and 127.0.0.1 always (local tests and the co-located app), then each --host. */
export function serverAltNames(hosts: readonly string[]): AltName[] {
  const names: AltName[] = [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }];
  for (const host of hosts) {
    if (isIP(host)) {
      if (!names.some((n) => n.type === 7 && n.ip === host)) names.push({ type: 7, ip: host });
    } else if (DNS_NAME.test(host)) {
      if (!names.some((n) => n.type === 2 && n.value === host.toLowerCase())) names.push({ type: 2, value: host.toLowerCase() });
    } else {
      throw new PkiError('bad-host', `host "${host}" is neither a DNS name nor an IP address`);
    }
  }
  return names;
}

export function validity(kind: CertKind, o: { days?: number; notBefore?: Date; notAfter?: Date }, now: Date): { notBefore: Date; notAfter: Date } {
  const days = o.days ?? DEFAULT_DAYS[kind];
  if (o.notAfter === undefined && (!Number.isFinite(days) || days <= 0 || days > MAX_DAYS)) {
    throw new PkiError('bad-validity', `validity must be between 1 and ${MAX_DAYS} days, not ${days}`);
  }
  for (const d of [o.notBefore, o.notAfter]) {
    if (d !== undefined && Number.isNaN(d.getTime())) throw new PkiError('bad-validity', 'validity dates must be valid dates');
  }
  const start = o.notBefore ?? now;
  const notBefore = o.notBefore ?? new Date(now.getTime() - BACKDATE_MS);
  const notAfter = o.notAfter ?? new Date(start.getTime() + days * DAY_MS);
  if (notAfter.getTime() <= notBefore.getTime()) throw new PkiError('bad-validity', 'the certificate must end after it starts');
  return { notBefore, notAfter };
}
