import { describe, expect, it } from 'vitest';
import { supplyInScope } from '../../src/core/dispatch/supply-scope';
import type { DispatchSupply } from '../../src/core/dispatch/recommend';

const depot = (code: string, region: string) => ({ code, region, nameZh: code, nameEn: code, lon: 112, lat: 28, supply: { 'SH-TENT': 10 } });
const supply: DispatchSupply = { depots: [depot('HN-1', '430000'), depot('SC-1', '510000'), depot('BJ-1', '110000')], categories: [] };
const codes = (s: DispatchSupply) => s.depots.map((d) => d.code);

describe('depots a recommendation draws on', () => {
  it('a provincial duty officer plans with the depots of their province only', () => {
    expect(codes(supplyInScope(supply, { role: 'duty-officer', region: '430000', depot: null }))).toEqual(['HN-1']);
  });

  it('a national commander plans with every depot', () => {
    expect(codes(supplyInScope(supply, { role: 'national-commander', region: '000000', depot: null }))).toEqual(['HN-1', 'SC-1', 'BJ-1']);
  });

  it('an analyst, or a host with no identity, gets advice over every depot', () => {
    expect(codes(supplyInScope(supply, { role: 'ministry-analyst', region: '000000', depot: null }))).toEqual(['HN-1', 'SC-1', 'BJ-1']);
    expect(codes(supplyInScope(supply, null))).toEqual(['HN-1', 'SC-1', 'BJ-1']);
  });
});
