import { describe, expect, it } from 'vitest';
import type { OfficerIdentity } from '../../../shared/contract';
import { mayPlanFor } from './useAutoRecommend';

const who = (role: OfficerIdentity['role'], region: string): OfficerIdentity =>
  ({ subject: `CN=x,OU=${role},O=${region}`, name: 'x', role, region, depot: null });

describe('automatic dispatch recommendation', () => {
  it('runs for those who would act on the plan, in their scope', () => {
    expect(mayPlanFor(who('national-commander', '000000'), '430000')).toBe(true);
    expect(mayPlanFor(who('duty-officer', '430000'), '430000')).toBe(true);
    expect(mayPlanFor(who('ministry-analyst', '000000'), '430000')).toBe(true);
  });

  it('does not run on walls, for auditors, out of scope or without an identity', () => {
    expect(mayPlanFor(who('wall', '430000'), '430000')).toBe(false);
    expect(mayPlanFor(who('auditor', '000000'), '430000')).toBe(false);
    expect(mayPlanFor(who('duty-officer', '510000'), '430000')).toBe(false);
    expect(mayPlanFor(null, '430000')).toBe(false);
  });
});
