import { ROLES } from '../../shared/domain/events';
import { PkiError } from './errors';

export type Role = (typeof ROLES)[number];

/** The region of national-scope identities (the national hub). */
export const NATIONAL_REGION = '000000';
const NATIONAL_ROLES: readonly Role[] = ['national-commander', 'ministry-analyst'];

const REGION = /^\d{6}$/;
const DEPOT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** No separators of the subject string nor control characters, so `CN=…,OU=…,O=…` stays unambiguous. */
const NAME = /^[^,=+<>#;"\\\p{Cc}]{1,64}$/u;

export const URN = {
  role: 'urn:inrs:role:',
  region: 'urn:inrs:region:',
  depot: 'urn:inrs:depot:',
} as const;

export interface Scope {
  role: Role;
  region: string;
  depot: string | null;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function checkRole(value: string): Role {
  if (!isRole(value)) throw new PkiError('unknown-role', `unknown role "${value}" (one of ${ROLES.join(', ')})`);
  return value;
}

export function checkRegion(value: string): string {
  if (!REGION.test(value)) throw new PkiError('bad-region', `region "${value}" must be a 6-digit adcode`);
  return value;
}

export function checkName(value: string): string {
  if (!NAME.test(value.trim()) || value !== value.trim()) {
    throw new PkiError('bad-name', `name "${value}" must be 1-64 characters without , = + < > # ; " \\ or control characters`);
  }
  return value;
}

/** Role, region and depot together, with the rules that tie them. */
export function checkScope(role: string, region: string, depot: string | null): Scope {
  const r = checkRole(role);
  checkRegion(region);
  if (depot !== null) {
    if (!DEPOT.test(depot)) throw new PkiError('bad-depot', `depot code "${depot}" must be 1-64 letters, digits, ".", "_" or "-"`);
    if (r !== 'depot-operator') throw new PkiError('depot-role', `a depot applies only to role depot-operator, not ${r}`);
  } else if (r === 'depot-operator') {
    throw new PkiError('depot-role', 'role depot-operator needs a depot code');
  }
  if (NATIONAL_ROLES.includes(r) && region !== NATIONAL_REGION) {
    throw new PkiError('scope', `role ${r} is national: its region must be ${NATIONAL_REGION}, not ${region}`);
  }
  if (r === 'registry-verifier' && region === NATIONAL_REGION) {
    throw new PkiError('scope', `role registry-verifier is provincial: its region must be a province, not ${NATIONAL_REGION}`);
  }
  return { role: r, region, depot };
}

export function scopeUris(scope: Scope): string[] {
  const uris = [`${URN.role}${scope.role}`, `${URN.region}${scope.region}`];
  if (scope.depot !== null) uris.push(`${URN.depot}${scope.depot}`);
  return uris;
}

/** The scope carried by a certificate's URI names, or null when absent, repeated or invalid. */
export function scopeFromUris(uris: readonly string[]): Scope | null {
  const pick = (prefix: string): string | null | undefined => {
    const found = uris.filter((u) => u.startsWith(prefix)).map((u) => u.slice(prefix.length));
    if (found.length > 1) return undefined;
    return found[0] ?? null;
  };
  const role = pick(URN.role);
  const region = pick(URN.region);
  const depot = pick(URN.depot);
  if (!role || !region || depot === undefined) return null;
  try {
    return checkScope(role, region, depot);
  } catch {
    return null;
  }
}
