import { describe, expect, it } from 'vitest';
import type { OfficerIdentity } from '../../../shared/contract';
import { mayAcknowledge, nameInSubject } from './acknowledge-rights';

const who = (role: OfficerIdentity['role'], region: string, depot: string | null = null): OfficerIdentity => ({
  subject: `CN=${role}-${region},OU=${role},O=${region}`,
  name: `${role}-${region}`,
  role,
  region,
  depot,
});
const commander = who('national-commander', '000000');
const instruction = {
  region: '430000',
  issuer: commander.subject,
  status: 'issued' as const,
  acknowledgedBy: null,
  depots: ['430100-D001', '430200-D001'],
};

describe('who may acknowledge an instruction (the UI mirror of the role matrix)', () => {
  it('the duty officer of its region, not of another', () => {
    expect(mayAcknowledge(who('duty-officer', '430000'), instruction)).toBe(true);
    expect(mayAcknowledge(who('duty-officer', '420000'), instruction)).toBe(false);
  });

  it('the operator of a depot its lines name, and no other depot', () => {
    expect(mayAcknowledge(who('depot-operator', '430000', '430200-D001'), instruction)).toBe(true);
    expect(mayAcknowledge(who('depot-operator', '430000', '430300-D001'), instruction)).toBe(false);
    expect(mayAcknowledge(who('depot-operator', '430000', null), instruction)).toBe(false);
  });

  it('never its issuer, nor roles without the right, nor anyone offline', () => {
    expect(mayAcknowledge(commander, instruction)).toBe(false);
    expect(mayAcknowledge(who('duty-officer', '430000'), { ...instruction, issuer: who('duty-officer', '430000').subject })).toBe(false);
    for (const role of ['ministry-analyst', 'auditor', 'wall', 'contributor'] as const) expect(mayAcknowledge(who(role, role === 'ministry-analyst' ? '000000' : '430000'), instruction), role).toBe(false);
    expect(mayAcknowledge(null, instruction)).toBe(false);
  });

  it('only while it waits for receipt', () => {
    const officer = who('duty-officer', '430000');
    expect(mayAcknowledge(officer, { ...instruction, status: 'acknowledged', acknowledgedBy: 'CN=x' })).toBe(false);
    expect(mayAcknowledge(officer, { ...instruction, status: 'executing' })).toBe(false);
  });

  it('names an officer by the CN of the subject', () => {
    expect(nameInSubject('CN=王芳,OU=duty-officer,O=430000')).toBe('王芳');
    expect(nameInSubject('no-cn')).toBe('no-cn');
  });
});
