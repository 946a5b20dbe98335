import { afterEach, describe, expect, it } from 'vitest';
import { parseDispatchProblem, solveDispatch } from '../../src/core/dispatch';
import { createDispatchSolver, type DispatchSolver } from '../../src/core/dispatch/solver-client';

/** The dispatch LP in its own worker thread: the same answer as in process, progress per category, a clean shutdown. */

const problem = parseDispatchProblem({
  depots: [
    { id: 'HN-CS', lon: 112.98, lat: 28.2, supply: { 'SH-TENT': 250, 'GR-RICE': 40 } },
    { id: 'HN-ZZ', lon: 113.13, lat: 27.83, supply: { 'SH-TENT': 60 } },
    { id: 'SC-CD', lon: 104.07, lat: 30.67, supply: { 'SH-TENT': 5000, 'GR-RICE': 500 } },
  ],
  demands: [
    { id: '430000', lon: 111.78, lat: 28.09, demand: { 'SH-TENT': 400, 'GR-RICE': 70 } },
    { id: '510000', lon: 104.07, lat: 30.67, demand: { 'SH-TENT': 100 } },
  ],
});

let solver: DispatchSolver | null = null;
afterEach(async () => {
  await solver?.dispose();
  solver = null;
});

describe('dispatch solver worker', () => {
  it('gives the in-process solution and reports each category solved', async () => {
    solver = createDispatchSolver();
    const progress: [number, number][] = [];
    const solution = await solver.solve(problem, (done, total) => progress.push([done, total]));
    expect(solution).toEqual(await solveDispatch(problem));
    expect(progress).toEqual([
      [1, 2],
      [2, 2],
    ]);
    // The worker stays up for the next solve.
    expect(await solver.solve(problem)).toEqual(solution);
  });

  it('refuses what is still waiting when it is shut down, and anything after', async () => {
    solver = createDispatchSolver();
    const waiting = solver.solve(problem).catch((err: unknown) => err);
    await solver.dispose();
    expect(await waiting).toMatchObject({ name: 'DispatchSolveError', message: 'the dispatch solver is shut down' });
    await expect(solver.solve(problem)).rejects.toThrow('the dispatch solver is shut down');
  });
});
