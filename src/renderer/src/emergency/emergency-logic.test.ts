import { describe, expect, it } from 'vitest';
import type { OfficerIdentity, Proposal, RegionLevel } from '../../../shared/contract';
import {
  bySeverity,
  formatCountdown,
  levelChanges,
  levelOf,
  levelRises,
  nameInSubject,
  officerRights,
  orderProposals,
  regionsInScope,
  remainingMs,
  statusAt,
  switchToShow,
} from './emergency-logic';

const level = (region: string, l: RegionLevel['level']): RegionLevel => ({
  region,
  level: l,
  plan: 'p',
  reason: 'r',
  since: '2026-06-01T00:00:00.000Z',
  activatedBy: ['CN=甲,OU=duty-officer,O=430000'],
  breakGlass: false,
  countersignedBy: null,
});

const proposal = (id: string, cosignBy: string, status: Proposal['status'] = 'pending'): Proposal => ({
  id,
  region: '430000',
  fromLevel: 'normal',
  toLevel: 'II',
  plan: 'p',
  reason: 'r',
  proposer: 'CN=甲,OU=duty-officer,O=430000',
  proposedAt: '2026-06-01T00:00:00.000Z',
  cosignBy,
  status,
  closedBy: null,
  closedAt: null,
});

const officer = (role: OfficerIdentity['role'], region: string): OfficerIdentity => ({ subject: `CN=x,OU=${role},O=${region}`, name: 'x', role, region, depot: null });

describe('level changes between two reads', () => {
  it('a region without a row is normal', () => {
    expect(levelOf([level('430000', 'II')], '430000')).toBe('II');
    expect(levelOf([level('430000', 'II')], '510000')).toBe('normal');
  });

  it('lists raised, lowered and ended levels; rises only those that go up', () => {
    const before = [level('430000', 'III'), level('510000', 'II'), level('110000', 'IV')];
    const after = [level('430000', 'II'), level('510000', 'III'), level('420000', 'IV')];
    expect(levelChanges(before, after)).toEqual([
      { region: '110000', from: 'IV', to: 'normal' },
      { region: '420000', from: 'normal', to: 'IV' },
      { region: '430000', from: 'III', to: 'II' },
      { region: '510000', from: 'II', to: 'III' },
    ]);
    expect(levelRises(before, after).map((c) => c.region)).toEqual(['420000', '430000']);
    expect(levelChanges(after, after)).toEqual([]);
  });

  it('the screen turns to the most severe switch into (or within) emergency mode, never to a return to normal', () => {
    expect(switchToShow([{ region: '110000', from: 'IV', to: 'normal' }])).toBeNull();
    expect(
      switchToShow([
        { region: '420000', from: 'normal', to: 'IV' },
        { region: '430000', from: 'III', to: 'II' },
        { region: '510000', from: 'II', to: 'III' },
      ]),
    ).toEqual({ region: '430000', from: 'III', to: 'II' });
  });

  it('orders regions most severe first', () => {
    expect(bySeverity([level('510000', 'IV'), level('430000', 'I'), level('110000', 'IV')]).map((l) => l.region)).toEqual(['430000', '110000', '510000']);
  });
});

describe('countdowns and proposal status', () => {
  const now = Date.parse('2026-06-01T00:05:00.000Z');
  it('counts down to the co-sign deadline, never below zero', () => {
    expect(remainingMs('2026-06-01T00:14:59.000Z', now)).toBe(599_000);
    expect(formatCountdown(599_000)).toBe('9:59');
    expect(formatCountdown(60_000)).toBe('1:00');
    expect(formatCountdown(500)).toBe('0:01');
    expect(remainingMs('2026-06-01T00:04:00.000Z', now)).toBe(0);
  });

  it('a pending proposal past its deadline is expired on screen at once; closed ones keep their status', () => {
    expect(statusAt(proposal('a', '2026-06-01T00:05:01.000Z'), now)).toBe('pending');
    expect(statusAt(proposal('a', '2026-06-01T00:05:00.000Z'), now)).toBe('expired');
    expect(statusAt(proposal('a', '2026-06-01T00:01:00.000Z', 'confirmed'), now)).toBe('confirmed');
  });

  it('lists pending proposals by nearest deadline, then the closed ones', () => {
    const list = [proposal('c', '2026-06-01T00:01:00.000Z', 'cancelled'), proposal('late', '2026-06-01T00:14:00.000Z'), proposal('soon', '2026-06-01T00:06:00.000Z'), proposal('gone', '2026-06-01T00:04:00.000Z')];
    expect(orderProposals(list, now).map((p) => p.id)).toEqual(['soon', 'late', 'c', 'gone']);
  });

  it('names an officer by the CN of their subject', () => {
    expect(nameInSubject('CN=值班员甲,OU=duty-officer,O=430000')).toBe('值班员甲');
    expect(nameInSubject('opaque')).toBe('opaque');
  });
});

describe('the officer panel mirrors the role matrix', () => {
  it('a duty officer proposes and co-signs in their region only, and never breaks glass', () => {
    const duty = officer('duty-officer', '430000');
    expect(officerRights(duty, '430000')).toEqual({ propose: true, cosign: true, breakGlass: false, refusal: null });
    expect(officerRights(duty, '510000')).toMatchObject({ propose: false, cosign: false, breakGlass: false, refusal: expect.stringContaining('out of scope') });
    expect(regionsInScope(duty)).toEqual(['430000']);
  });

  it('a national commander may do everything everywhere; a wall and an offline host nothing', () => {
    const commander = officer('national-commander', '000000');
    expect(officerRights(commander, '430000')).toEqual({ propose: true, cosign: true, breakGlass: true, refusal: null });
    expect(regionsInScope(commander)).toHaveLength(31);
    expect(officerRights(officer('wall', '430000'), '430000')).toMatchObject({ propose: false, cosign: false, breakGlass: false });
    expect(officerRights(null, '430000')).toEqual({ propose: false, cosign: false, breakGlass: false, refusal: null });
    expect(regionsInScope(null)).toEqual([]);
  });
});
