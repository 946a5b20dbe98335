import { describe, expect, it } from 'vitest';
import { forwardId, planForward } from '../../src/core/dispatch/forward-plan';
import { instructionStatus } from '../../src/core/trace/instruction-status';

const parent = [
  { category: 'tent', allowed: 10, movedIn: 0, movedOut: 0 },
  { category: 'quilt', allowed: 4, movedIn: 0, movedOut: 0 },
];

describe("a parent instruction's status rolls up the instructions forwarded from it", () => {
  it('stays acknowledged while nothing moved under it or under its children', () => {
    expect(instructionStatus(parent, true, [])).toBe('acknowledged');
    expect(instructionStatus(parent, true, [{ category: 'tent', movedIn: 0, movedOut: 0 }])).toBe('acknowledged');
    expect(instructionStatus(parent, false, [{ category: 'tent', movedIn: 0, movedOut: 0 }])).toBe('issued');
  });

  it('is executing once a child moved anything, even of a category it does not cover', () => {
    expect(instructionStatus(parent, true, [{ category: 'tent', movedIn: 0, movedOut: 1 }])).toBe('executing');
    expect(instructionStatus(parent, true, [{ category: 'rope', movedIn: 2, movedOut: 0 }])).toBe('executing');
  });

  it('is executing when one child is done but the lines are not all covered', () => {
    expect(instructionStatus(parent, true, [{ category: 'tent', movedIn: 0, movedOut: 10 }])).toBe('executing');
  });

  it('is done when its own movements and its children’s together cover every line', () => {
    const own = [{ ...parent[0]!, movedOut: 4 }, parent[1]!];
    const children = [
      { category: 'tent', movedIn: 0, movedOut: 6 },
      { category: 'quilt', movedIn: 0, movedOut: 1 },
      { category: 'quilt', movedIn: 0, movedOut: 3 },
    ];
    expect(instructionStatus(own, true, children)).toBe('done');
    expect(instructionStatus(own, true, children.slice(0, 2))).toBe('executing');
  });

  it('counts a forwarded transfer once (its out and in legs), not twice', () => {
    expect(instructionStatus([{ category: 'tent', allowed: 10, movedIn: 0, movedOut: 0 }], true, [{ category: 'tent', movedIn: 5, movedOut: 5 }])).toBe('executing');
    expect(instructionStatus([{ category: 'tent', allowed: 10, movedIn: 0, movedOut: 0 }], true, [{ category: 'tent', movedIn: 10, movedOut: 10 }])).toBe('done');
  });
});

describe('a forward plan', () => {
  const central = {
    id: 'I-000000-0601-ABC123-430000',
    kind: 'dispatch',
    lines: [
      { category: 'tent', quantity: 5, fromDepot: 'HN-02', toRegion: '420000' },
      { category: 'quilt', quantity: 3, fromDepot: 'HN-01', toRegion: '420000' },
      { category: 'tent', quantity: 2, fromDepot: 'HN-01', toRegion: '420000' },
      { category: 'rope', quantity: 9, fromDepot: 'SC-01', toRegion: '420000' },
    ],
  };

  it('is one depot-level instruction per depot of the region, in depot order, pointing at its parent', () => {
    const plan = planForward(central, (d) => d.startsWith('HN-'), 'CN=王芳,OU=duty-officer,O=430000');
    expect(plan.map((p) => [p.depot, p.instruction.id])).toEqual([
      ['HN-01', `${central.id}-D1`],
      ['HN-02', `${central.id}-D2`],
    ]);
    expect(plan[0]!.instruction).toEqual({
      id: `${central.id}-D1`,
      kind: 'dispatch',
      level: 'depot',
      issuer: 'CN=王芳,OU=duty-officer,O=430000',
      lines: [central.lines[1], central.lines[2]],
      parentId: central.id,
    });
  });

  it('refuses a parent that names no depot of the region', () => {
    expect(() => planForward(central, () => false, 'x')).toThrow(`instruction ${central.id} names no depot of this region`);
  });

  it('keeps ids within 64 characters and distinct for long parent ids', () => {
    const a = forwardId('A'.repeat(64), 1);
    const b = forwardId(`${'A'.repeat(63)}B`, 1);
    expect(a).toHaveLength(64);
    expect(a.endsWith('-D1')).toBe(true);
    expect(a).not.toBe(b);
    expect(forwardId('I-1', 12)).toBe('I-1-D12');
  });
});
