import { describe, expect, it } from 'vitest';
import { DispatchInputError, parseDispatchProblem } from '../../src/core/dispatch';

const valid = {
  depots: [{ id: 'A', lon: 112, lat: 28, supply: { 'SH-TENT': 10 } }],
  demands: [{ id: 'P', lon: 113, lat: 28, demand: { 'SH-TENT': 4 } }],
};

const messageOf = (value: unknown): string => {
  try {
    parseDispatchProblem(value);
  } catch (err) {
    expect(err).toBeInstanceOf(DispatchInputError);
    return (err as Error).message;
  }
  throw new Error('expected the problem to be refused');
};

describe('dispatch problem file', () => {
  it('fills in roadFactor 1.3, speedKmh 60 and shortagePenalty 1e6', () => {
    expect(parseDispatchProblem(valid)).toMatchObject({ roadFactor: 1.3, speedKmh: 60, shortagePenalty: 1_000_000 });
    expect(parseDispatchProblem({ ...valid, roadFactor: 1.5, speedKmh: 40, shortagePenalty: 10 })).toMatchObject({ roadFactor: 1.5, speedKmh: 40, shortagePenalty: 10 });
  });

  it('names the path and the rule of what is wrong', () => {
    expect(messageOf({ ...valid, depots: [{ ...valid.depots[0], supply: { 'SH-TENT': -1 } }] })).toBe(
      'invalid dispatch problem: problem.depots[0].supply.SH-TENT: must be ≥ 0',
    );
    expect(messageOf({ ...valid, demands: [{ ...valid.demands[0], lat: 95 }] })).toBe('invalid dispatch problem: problem.demands[0].lat: must be within -90…90');
    expect(messageOf({ ...valid, depots: [valid.depots[0], valid.depots[0]] })).toBe('invalid dispatch problem: problem.depots[1].id: duplicate id "A"');
    expect(messageOf({ ...valid, speedKmh: 0 })).toBe('invalid dispatch problem: problem.speedKmh: must be > 0');
    expect(messageOf({ ...valid, roadFactor: 0.5 })).toContain('problem.roadFactor: must be ≥ 1');
    expect(messageOf({ ...valid, demands: [{ ...valid.demands[0], demand: { X: 'lots' } }] })).toBe('invalid dispatch problem: problem.demands[0].demand.X: must be a number');
    expect(messageOf({ depots: [] })).toContain('problem.demands');
    expect(messageOf({ ...valid, extra: true })).toContain('extra');
    expect(messageOf(null)).toContain('invalid dispatch problem');
  });

  it('refuses infinite and absurd quantities', () => {
    expect(messageOf({ ...valid, depots: [{ ...valid.depots[0], supply: { X: 1e13 } }] })).toContain('must be ≤ 1000000000000');
    expect(messageOf(JSON.parse('{"depots":[{"id":"A","lon":1,"lat":1,"supply":{"X":1e999}}],"demands":[]}'))).toContain('problem.depots[0].supply.X');
  });
});
