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

  it('refuses a line from civilian stock: it is held by its owner, not a depot an instruction can move', () => {
    const civilianAvailable = new Map([...available, ['CL-430000-abc|GR-RICE', 40]]);
    expect(issueProblems([{ from: 'CL-430000-abc', to: '430000', category: 'GR-RICE', quantity: 10 }], depotRegion, civilianAvailable)).toEqual([
      'line 1: CL-430000-abc is civilian stock held by its owner; it is not issued as a depot instruction (remove the line to issue the rest)',
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
