import type { Role } from './events';

/**
 * The role matrix (docs/architecture.md §1, §8): who may do what, where. A pure function of the identity a
 * certificate carries (role, region adcode, depot) and the target of the action; the regional
 * server enforces it, the UI only mirrors it.
 *
 * Scope: region `000000` is national scope. An identity of region 000000 reaches every region
 * and the national state itself; a provincial identity reaches its own region only. The
 * national roles (national-commander, ministry-analyst) exist only at national scope, as the
 * PKI issues them; a certificate that claims one of them for a province is refused here too.
 *
 * What this does not check: that a co-signature comes from a different officer than the
 * proposal (it needs both envelopes; the command checker compares signers), nor that a depot
 * code belongs to the target region (it needs the register of depots).
 */

export const NATIONAL_SCOPE = '000000';

export const ACTIONS = [
  'read-state',
  'record-movement',
  'issue-instruction',
  /** The addressee confirms receipt: a duty officer of the region, or the operator of a depot the instruction names. */
  'acknowledge-instruction',
  'propose-emergency-level',
  'cosign-emergency-level',
  'break-glass-level-I',
  'run-scenario',
  'verify-audit',
  'register-civilian-asset',
  /** Publish a new version of a region's alert rules. */
  'publish-alert-rules',
  /** Acknowledge a raised alert with a comment. */
  'acknowledge-alert',
  /** A contributor reads its own assets, meter records and ledger, nothing else. */
  'read-own-registry',
  /** A verifier records an on-site inspection, onboards, suspends or withdraws an asset of its province. */
  'verify-civilian-asset',
  /** The national hub publishes a version of the contribution rules. */
  'publish-registry-rules',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface ActorScope {
  role: Role;
  /** GB/T 2260 adcode of the certificate's region; 000000 for national scope. */
  region: string;
  /** The depot of a depot operator's certificate; null for every other role. */
  depot: string | null;
}

export interface ActionTarget {
  /** Region the action reads or changes; 000000 for the national state. */
  region: string;
  /** Depot the action touches (stock movements). */
  depot?: string;
}

export type Authorization = { allowed: true } | { allowed: false; reason: string };

/** Actions each role may take at all; scope is checked afterwards. */
export const ROLE_ACTIONS: Readonly<Record<Role, readonly Action[]>> = {
  'national-commander': [
    'read-state',
    'issue-instruction',
    'propose-emergency-level',
    'cosign-emergency-level',
    'break-glass-level-I',
    'run-scenario',
    'verify-audit',
    'acknowledge-alert',
    'publish-registry-rules',
  ],
  'duty-officer': ['read-state', 'issue-instruction', 'acknowledge-instruction', 'propose-emergency-level', 'cosign-emergency-level', 'acknowledge-alert'],
  'ministry-analyst': ['read-state', 'run-scenario', 'publish-alert-rules', 'acknowledge-alert'],
  'depot-operator': ['read-state', 'record-movement', 'acknowledge-instruction'],
  auditor: ['read-state', 'verify-audit'],
  wall: ['read-state'],
  contributor: ['register-civilian-asset', 'read-own-registry'],
  'registry-verifier': ['verify-civilian-asset'],
  'regional-server': [],
};

/** Roles that exist only at national scope (the PKI refuses them for a province). */
export const NATIONAL_ROLES: ReadonlySet<Role> = new Set<Role>(['national-commander', 'ministry-analyst']);

const ADCODE = /^\d{6}$/;

const deny = (reason: string): Authorization => ({ allowed: false, reason });
const ALLOWED: Authorization = { allowed: true };

/** Why a role may not take an action at all, in words an operator can act on. */
function roleRefusal(role: Role, action: Action): string {
  if (role === 'contributor') {
    return action === 'read-state'
      ? 'contributors (civilian participants) never read national or regional reserve state'
      : `contributors (civilian participants) hold no command right: ${action} is refused`;
  }
  if (role === 'registry-verifier') return `a registry verifier only verifies and onboards civilian assets: ${action} is refused`;
  if (action === 'verify-civilian-asset') return `civilian assets are verified by a registry verifier, not by a ${role}`;
  if (action === 'publish-registry-rules') return `contribution rules are published by the national hub (a national commander), not by a ${role}`;
  if (action === 'read-own-registry') return `only a contributor reads its own registry record, not a ${role}`;
  if (role === 'regional-server') return `a regional server certificate is a machine identity and cannot ${action}`;
  if (action === 'record-movement') return `only the operator of a depot records its stock movements, not a ${role}`;
  if (action === 'break-glass-level-I') return `only a national commander may set emergency level I alone (break glass), not a ${role}`;
  if (action === 'register-civilian-asset') return `civilian assets are registered by their contributor, not by a ${role}`;
  return `role ${role} may not ${action}`;
}

/** Whether an identity of `actorRegion` reaches `targetRegion`. */
export function inScope(actorRegion: string, targetRegion: string): boolean {
  return actorRegion === NATIONAL_SCOPE || actorRegion === targetRegion;
}

export function authorize(actor: ActorScope, action: Action, target: ActionTarget): Authorization {
  if (!ADCODE.test(actor.region)) return deny(`the actor's region "${actor.region}" is not a 6-digit adcode`);
  if (!ADCODE.test(target.region)) return deny(`the target region "${target.region}" is not a 6-digit adcode`);
  if (NATIONAL_ROLES.has(actor.role) && actor.region !== NATIONAL_SCOPE) {
    return deny(`role ${actor.role} is national: its certificate must carry region ${NATIONAL_SCOPE}, not ${actor.region}`);
  }
  if (actor.role === 'registry-verifier' && actor.region === NATIONAL_SCOPE) {
    return deny(`role registry-verifier is provincial: its certificate must carry a province, not ${NATIONAL_SCOPE}`);
  }
  if (!ROLE_ACTIONS[actor.role].includes(action)) return deny(roleRefusal(actor.role, action));
  if (!inScope(actor.region, target.region)) {
    return deny(
      target.region === NATIONAL_SCOPE
        ? `the national state (${NATIONAL_SCOPE}) is out of scope for an identity of region ${actor.region}`
        : `region ${target.region} is out of scope for an identity of region ${actor.region}`,
    );
  }
  if (action === 'record-movement') {
    if (actor.depot === null) return deny('this depot operator certificate names no depot');
    if (target.depot === undefined) return deny('a stock movement must name its depot');
    if (target.depot !== actor.depot) return deny(`the operator of depot ${actor.depot} cannot record movements at depot ${target.depot}`);
  }
  if (action === 'acknowledge-instruction' && actor.role === 'depot-operator') {
    if (actor.depot === null) return deny('this depot operator certificate names no depot');
    if (target.depot !== actor.depot) return deny(`the operator of depot ${actor.depot} acknowledges only instructions that name depot ${actor.depot}`);
  }
  return ALLOWED;
}
