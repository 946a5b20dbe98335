import type { OfficerIdentity, Proposal, RegionLevel } from '../../../shared/contract/emergency-schemas';
import { levelRank, type EmergencyLevel } from '../../../shared/domain/emergency';
import { PROVINCES } from '../../../shared/domain/provinces';
import { authorize, NATIONAL_SCOPE, type Action } from '../../../shared/domain/roles';

/** Pure rules of the emergency views: level changes between two reads, countdowns, what the UI offers. */

/** A region's level changed between two reads of the state. */
export interface LevelChange {
  region: string;
  from: EmergencyLevel;
  to: EmergencyLevel;
}

/** The level of a region in a list of levels; a region without a row is normal. */
export function levelOf(levels: readonly RegionLevel[], region: string): EmergencyLevel {
  return levels.find((l) => l.region === region)?.level ?? 'normal';
}

/** Most severe first, then by adcode: the order of the banner and the levels table. */
export function bySeverity(levels: readonly RegionLevel[]): RegionLevel[] {
  return [...levels].sort((a, b) => levelRank(b.level) - levelRank(a.level) || a.region.localeCompare(b.region));
}

/** Every region whose level differs between two reads, in adcode order. */
export function levelChanges(previous: readonly RegionLevel[], next: readonly RegionLevel[]): LevelChange[] {
  const regions = [...new Set([...previous, ...next].map((l) => l.region))].sort();
  return regions.flatMap((region) => {
    const from = levelOf(previous, region);
    const to = levelOf(next, region);
    return from === to ? [] : [{ region, from, to }];
  });
}

/** Changes that raise a region's level (normal → IV, III → II…): what interrupts a wall's playlist. */
export function levelRises(previous: readonly RegionLevel[], next: readonly RegionLevel[]): LevelChange[] {
  return levelChanges(previous, next).filter((c) => levelRank(c.to) > levelRank(c.from));
}

/**
 * The change the screens turn to: the most severe region that entered or moved within
 * emergency mode (a return to normal needs no one's attention), or null.
 */
export function switchToShow(changes: readonly LevelChange[]): LevelChange | null {
  const shown = changes.filter((c) => c.to !== 'normal');
  return shown.reduce<LevelChange | null>((best, c) => (best === null || levelRank(c.to) > levelRank(best.to) ? c : best), null);
}

/** Milliseconds left before a proposal's co-sign deadline (never negative). */
export function remainingMs(cosignBy: string, now: number): number {
  return Math.max(0, Date.parse(cosignBy) - now);
}

/** "9:05" — minutes and seconds of a countdown. */
export function formatCountdown(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/**
 * A proposal's status at the given time: the replica's status, or expired once the deadline
 * has passed on this screen's clock, so the countdown and the label agree between two reads.
 */
export function statusAt(proposal: Proposal, now: number): Proposal['status'] {
  return proposal.status === 'pending' && remainingMs(proposal.cosignBy, now) === 0 ? 'expired' : proposal.status;
}

/** The officer's name in a certificate subject `CN=name,OU=role,O=region`, or the subject itself. */
export function nameInSubject(subject: string): string {
  const cn = /(?:^|,)CN=([^,]*)/.exec(subject);
  return cn?.[1] ?? subject;
}

/** What the officer panel offers an identity in a region: the role matrix, mirrored (the server enforces it). */
export interface OfficerRights {
  propose: boolean;
  cosign: boolean;
  breakGlass: boolean;
  /** Why proposing is refused, when it is: shown so a read-only screen says why. */
  refusal: string | null;
}

export function officerRights(identity: OfficerIdentity | null, region: string): OfficerRights {
  if (!identity) return { propose: false, cosign: false, breakGlass: false, refusal: null };
  const actor = { role: identity.role, region: identity.region, depot: identity.depot };
  const may = (action: Action) => authorize(actor, action, { region });
  const propose = may('propose-emergency-level');
  return {
    propose: propose.allowed,
    cosign: may('cosign-emergency-level').allowed,
    breakGlass: may('break-glass-level-I').allowed,
    refusal: propose.allowed ? null : propose.reason,
  };
}

/** Regions an identity may act on: every province at national scope, else its own region. */
export function regionsInScope(identity: OfficerIdentity | null): string[] {
  if (!identity) return [];
  return identity.region === NATIONAL_SCOPE ? PROVINCES.map((p) => p.adcode) : [identity.region];
}

/** Pending proposals first (soonest deadline first), then the rest as the host listed them. */
export function orderProposals(proposals: readonly Proposal[], now: number): Proposal[] {
  const open = proposals.filter((p) => statusAt(p, now) === 'pending').sort((a, b) => Date.parse(a.cosignBy) - Date.parse(b.cosignBy));
  const closed = proposals.filter((p) => statusAt(p, now) !== 'pending');
  return [...open, ...closed];
}
