import { describe, expect, it } from 'vitest';
import { chinaDay, dispatchInstructionId, issueProblems, planInstructions } from '../../src/core/dispatch/issue-plan';
import { instructionSchema } from '../../src/shared/domain/instruction-schema';

const depotRegion = new Map([
  ['HN-CS', '430000'],
  ['HN-ZZ', '430000'],
  ['SC-CD', '510000'],
  ['BJ-01', '110000'],
]);
const available = new Map([
  ['HN-CS|SH-TENT', 250],
  ['HN-ZZ|SH-TENT', 60],
  ['SC-CD|SH-TENT', 5_000],
  ['SC-CD|GR-RICE', 12],
]);
const national = { subject: 'CN=张伟,OU=national-commander,O=000000', region: '000000' };
const provincial = { subject: 'CN=王芳,OU=duty-officer,O=430000', region: '430000' };
const at = new Date('2026-03-14T17:30:00Z'); // already 15 March in Beijing

describe('plan lines into signed-instruction bodies', () => {
  it('names instructions by the China day, the issue and the region', () => {
    expect(chinaDay(at)).toBe('20260315');
    expect(chinaDay(new Date('2026-03-14T15:59:59Z'))).toBe('20260314');
    expect(dispatchInstructionId(at, 'K3X9QZ', '430000')).toBe('DSP-20260315-K3X9QZ-430000');
  });

  it('gives one instruction per source region, merging lines of one depot, category and destination', () => {
    const out = planInstructions(
      [
        { from: 'SC-CD', to: '430000', category: 'SH-TENT', quantity: 90 },
        { from: 'HN-CS', to: '430000', category: 'SH-TENT', quantity: 200 },
        { from: 'HN-CS', to: '430000', category: 'SH-TENT', quantity: 50 },
        { from: 'HN-ZZ', to: '430000', category: 'SH-TENT', quantity: 60 },
        { from: 'SC-CD', to: '510000', category: 'GR-RICE', quantity: 12 },
      ],
      depotRegion,
      national,
      at,
      'K3X9QZ',
    );
    expect(out).toEqual([
      {
        region: '430000',
        instruction: {
          id: 'DSP-20260315-K3X9QZ-430000',
          kind: 'dispatch',
          level: 'central',
          issuer: national.subject,
          lines: [
            { category: 'SH-TENT', quantity: 250, fromDepot: 'HN-CS', toRegion: '430000' },
            { category: 'SH-TENT', quantity: 60, fromDepot: 'HN-ZZ', toRegion: '430000' },
          ],
        },
      },
      {
        region: '510000',
        instruction: {
          id: 'DSP-20260315-K3X9QZ-510000',
          kind: 'dispatch',
          level: 'central',
          issuer: national.subject,
          lines: [
            { category: 'GR-RICE', quantity: 12, fromDepot: 'SC-CD', toRegion: '510000' },
            { category: 'SH-TENT', quantity: 90, fromDepot: 'SC-CD', toRegion: '430000' },
          ],
        },
      },
    ]);
    // Each is a valid instruction body as the signed command carries it (destination kept, not stripped).
    for (const { instruction } of out) expect(instructionSchema.parse(instruction)).toEqual(instruction);
  });

  it('issues at province level for a provincial officer', () => {
    const [one] = planInstructions([{ from: 'HN-CS', to: '430000', category: 'SH-TENT', quantity: 1 }], depotRegion, provincial, at, 'AAAAAA');
    expect(one?.instruction.level).toBe('province');
  });

  it('accepts whole quantities within the supply above floor', () => {
    expect(
      issueProblems(
        [
          { from: 'HN-CS', to: '430000', category: 'SH-TENT', quantity: 200 },
          { from: 'HN-CS', to: '510000', category: 'SH-TENT', quantity: 50 },
          { from: 'SC-CD', to: '430000', category: 'GR-RICE', quantity: 12 },
        ],
        depotRegion,
        available,
      ),
    ).toEqual([]);
  });

  it('refuses more than a depot holds above its floor, counting its lines together', () => {
    expect(
      issueProblems(
        [
          { from: 'HN-CS', to: '430000', category: 'SH-TENT', quantity: 200 },
          { from: 'HN-CS', to: '510000', category: 'SH-TENT', quantity: 51 },
        ],
        depotRegion,
        available,
      ),
    ).toEqual(['depot HN-CS holds 250 of SH-TENT above its safety floor; the plan asks for 251']);
    expect(issueProblems([{ from: 'BJ-01', to: '430000', category: 'SH-TENT', quantity: 1 }], depotRegion, available)).toEqual([
      'depot BJ-01 holds 0 of SH-TENT above its safety floor; the plan asks for 1',
    ]);
  });

  it('issues lines from civilian stock as instructions of their own, marked civilian and addressed to each holder', () => {
    const holderA = 'CN=湖南丰源粮油有限公司,OU=contributor,O=430000';
    const holderB = 'CN=湖南顺达物流有限公司,OU=contributor,O=430000';
    const regions = new Map([...depotRegion, ['CL-430000-aaa', '430000'], ['CL-430000-bbb', '430000']]);
    const holders = new Map([
      ['CL-430000-aaa', holderB],
      ['CL-430000-bbb', holderA],
    ]);
    const civilianAvailable = new Map([...available, ['CL-430000-aaa|GR-RICE', 40], ['CL-430000-bbb|GR-RICE', 30]]);
    const lines = [
      { from: 'CL-430000-aaa', to: '430000', category: 'GR-RICE', quantity: 10 },
      { from: 'HN-CS', to: '430000', category: 'SH-TENT', quantity: 5 },
      { from: 'CL-430000-bbb', to: '430000', category: 'GR-RICE', quantity: 30 },
      { from: 'CL-430000-aaa', to: '430000', category: 'GR-RICE', quantity: 5 },
    ];
    expect(issueProblems(lines, regions, civilianAvailable)).toEqual([]);
    const out = planInstructions(lines, regions, national, at, 'K3X9QZ', holders);
    expect(out.map((o) => [o.region, o.instruction.id, o.instruction.civilian?.holder ?? null, o.instruction.lines])).toEqual([
      ['430000', 'DSP-20260315-K3X9QZ-430000', null, [{ category: 'SH-TENT', quantity: 5, fromDepot: 'HN-CS', toRegion: '430000' }]],
      ['430000', 'DSP-20260315-K3X9QZ-430000-C1', holderA, [{ category: 'GR-RICE', quantity: 30, fromCivilian: 'CL-430000-bbb', toRegion: '430000' }]],
      ['430000', 'DSP-20260315-K3X9QZ-430000-C2', holderB, [{ category: 'GR-RICE', quantity: 15, fromCivilian: 'CL-430000-aaa', toRegion: '430000' }]],
    ]);
    for (const o of out) expect(instructionSchema.parse(o.instruction)).toEqual(o.instruction);
  });

  it('refuses civilian stock no longer available, or asked for beyond what was onboarded', () => {
    const regions = new Map([...depotRegion, ['CL-430000-aaa', '430000']]);
    const civilianAvailable = new Map([...available, ['CL-430000-aaa|GR-RICE', 40]]);
    expect(issueProblems([{ from: 'CL-430000-gone', to: '430000', category: 'GR-RICE', quantity: 1 }], regions, civilianAvailable)[0]).toBe(
      'line 1: no civilian stock CL-430000-gone onboarded and available in the replica (withdrawn, suspended or never onboarded)',
    );
    expect(issueProblems([{ from: 'CL-430000-aaa', to: '430000', category: 'GR-RICE', quantity: 41 }], regions, civilianAvailable)).toEqual([
      'civilian stock CL-430000-aaa holds 40 of GR-RICE onboarded; the plan asks for 41',
    ]);
  });

  it('refuses unknown depots and quantities that are not positive whole numbers', () => {
    const problems = issueProblems(
      [
        { from: 'XX-99', to: '430000', category: 'SH-TENT', quantity: 1 },
        { from: 'HN-ZZ', to: '430000', category: 'SH-TENT', quantity: 2.5 },
        { from: 'HN-ZZ', to: '430000', category: 'SH-TENT', quantity: 0 },
      ],
      depotRegion,
      available,
    );
    expect(problems).toEqual([
      'line 1: no depot XX-99 in the replica',
      'line 2: quantity 2.5 of SH-TENT from HN-ZZ is not a positive whole number',
      'line 3: quantity 0 of SH-TENT from HN-ZZ is not a positive whole number',
      'depot XX-99 holds 0 of SH-TENT above its safety floor; the plan asks for 1',
    ]);
  });
});
