import { describe, expect, it } from 'vitest';
import type { OfficerIdentity } from '../../../shared/contract';
import { mayForward } from './forward-rights';

const who = (role: OfficerIdentity['role'], region: string, depot: string | null = null): OfficerIdentity => ({
  subject: `CN=${role}-${region},OU=${role},O=${region}`,
  name: `${role}-${region}`,
  role,
  region,
  depot,
});
const central = {
  region: '430000',
  level: 'central',
  status: 'acknowledged' as const,
  acknowledgedBy: 'CN=王芳,OU=duty-officer,O=430000',
  depots: ['430100-D001', '430200-D001'],
  forwarded: 0,
};

describe('who may forward an instruction to the depots (the UI mirror of the server checks)', () => {
  it('the duty officer of its region or a national commander, once it is acknowledged', () => {
    expect(mayForward(who('duty-officer', '430000'), central)).toBe(true);
    expect(mayForward(who('national-commander', '000000'), central)).toBe(true);
    expect(mayForward(who('duty-officer', '430000'), { ...central, status: 'issued', acknowledgedBy: null })).toBe(false);
  });

  it('not another province, a depot operator, an analyst, or nobody', () => {
    expect(mayForward(who('duty-officer', '420000'), central)).toBe(false);
    expect(mayForward(who('depot-operator', '430000', '430100-D001'), central)).toBe(false);
    expect(mayForward(who('ministry-analyst', '000000'), central)).toBe(false);
    expect(mayForward(null, central)).toBe(false);
  });

  it('only a central instruction that names depots, is not finished and was not forwarded yet', () => {
    const officer = who('duty-officer', '430000');
    expect(mayForward(officer, { ...central, level: 'depot' })).toBe(false);
    expect(mayForward(officer, { ...central, depots: [] })).toBe(false);
    expect(mayForward(officer, { ...central, status: 'done' })).toBe(false);
    expect(mayForward(officer, { ...central, forwarded: 2 })).toBe(false);
    expect(mayForward(officer, { ...central, status: 'executing' })).toBe(true);
  });
});
