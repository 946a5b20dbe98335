import { describe, expect, it } from 'vitest';
import type { ChainRegionStatus, LinkState, ReplicaStats } from '../../../shared/contract';
import { classifyRegion, NATIONAL_REFERENCE_REGION, summariseRegions } from './region-status';

const head = (region: string): ReplicaStats['regions'][number] => ({ region, nameZh: region, nameEn: region, lastSeq: 10, headHash: 'ab', dataAsOf: '2024-10-05T00:00:00Z' });
const link = (region: string, status: LinkState['status']): LinkState => ({
  region,
  status,
  server: 'wss://127.0.0.1:1',
  cursor: 0,
  headSeq: null,
  staleSince: null,
  reason: null,
  lastCheckpointSeq: null,
});
const chain = (region: string, status: ChainRegionStatus['status']): ChainRegionStatus => ({ region, status, verifiedSeq: 3, firstBadSeq: status === 'broken' ? 4 : null, reason: null });

describe('classifyRegion', () => {
  const base = { region: '430000', chain: null, offline: false } as const;

  it('follows the link when there is one', () => {
    expect(classifyRegion({ ...base, link: 'live' })).toBe('live');
    expect(classifyRegion({ ...base, link: 'connecting' })).toBe('catching-up');
    expect(classifyRegion({ ...base, link: 'catching-up' })).toBe('catching-up');
    expect(classifyRegion({ ...base, link: 'stale' })).toBe('stale');
    expect(classifyRegion({ ...base, link: 'refused' })).toBe('refused');
    expect(classifyRegion({ ...base, link: 'chain-broken' })).toBe('chain-broken');
  });

  it('puts a broken chain above everything, even over a live link', () => {
    expect(classifyRegion({ ...base, link: 'live', chain: 'broken' })).toBe('chain-broken');
    expect(classifyRegion({ ...base, link: null, chain: 'broken' })).toBe('chain-broken');
    expect(classifyRegion({ ...base, link: 'live', chain: 'ok' })).toBe('live');
  });

  it('calls a region no server serves here replica-only, not stale', () => {
    expect(classifyRegion({ ...base, link: null })).toBe('replica-only');
    expect(classifyRegion({ ...base, link: null, chain: 'unverified' })).toBe('replica-only');
  });

  it('calls every region stale when the workstation has no link at all, except the national reference log', () => {
    expect(classifyRegion({ ...base, link: null, offline: true })).toBe('stale');
    expect(classifyRegion({ region: NATIONAL_REFERENCE_REGION, link: null, chain: 'ok', offline: true })).toBe('replica-only');
  });
});

describe('summariseRegions', () => {
  it('on a fresh demo (three regions live, the rest unlinked) reports no alarm', () => {
    const regions = [NATIONAL_REFERENCE_REGION, '110000', '430000', '440000', '510000', '620000'].map(head);
    const links = Object.fromEntries(['110000', '430000', '440000'].map((r) => [r, link(r, 'live')]));
    const chains = Object.fromEntries(regions.map((r) => [r.region, chain(r.region, 'ok')]));
    const s = summariseRegions(regions, links, chains);
    expect(s.total).toBe(5);
    expect(s.counts).toEqual({ 'chain-broken': 0, refused: 0, stale: 0, 'catching-up': 0, live: 3, 'replica-only': 2 });
    expect(s.worst).toBe('live');
    expect(s.offline).toBe(false);
    expect(s.rows.find((r) => r.region === NATIONAL_REFERENCE_REGION)?.status).toBe('replica-only');
  });

  it('names the worst class present and keeps each row with its link and chain', () => {
    const regions = ['110000', '430000', '440000'].map(head);
    const s = summariseRegions(regions, { '110000': link('110000', 'live'), '430000': link('430000', 'stale') }, { '440000': chain('440000', 'broken') });
    expect(s.rows.map((r) => r.status)).toEqual(['live', 'stale', 'chain-broken']);
    expect(s.worst).toBe('chain-broken');
    expect(s.rows[1]?.link?.status).toBe('stale');
    expect(s.rows[2]?.chain?.firstBadSeq).toBe(4);
  });

  it('does not count the national reference log as a region, but a broken chain in it still raises the alarm', () => {
    const regions = [NATIONAL_REFERENCE_REGION, '430000'].map(head);
    const s = summariseRegions(regions, { '430000': link('430000', 'live') }, { [NATIONAL_REFERENCE_REGION]: chain(NATIONAL_REFERENCE_REGION, 'broken') });
    expect(s.total).toBe(1);
    expect(s.counts.live).toBe(1);
    expect(s.counts['chain-broken']).toBe(0);
    expect(s.worst).toBe('chain-broken');
  });

  it('offline: every region stale and the summary says so', () => {
    const s = summariseRegions(['110000', '430000'].map(head), {}, {});
    expect(s.offline).toBe(true);
    expect(s.counts.stale).toBe(2);
    expect(s.worst).toBe('stale');
  });
});
