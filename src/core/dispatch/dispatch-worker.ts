import { parentPort } from 'node:worker_threads';
import { explainPlan, scenarioProblem } from './recommend';
import { solveDispatch } from './solve';
import type { SolverReply, SolverRequest } from './solver-protocol';
import { toErrorShape } from '../../shared/errors';

/**
 * Worker thread for dispatch: at national scale building the problem and the HiGHS solve take
 * a second or more, which the app host's event loop must not wait on. One request after another.
 */
const port = parentPort;
if (!port) throw new Error('dispatch-worker must run in a worker thread');

const send = (reply: SolverReply): void => port.postMessage(reply);
let queue: Promise<void> = Promise.resolve();

async function run(request: SolverRequest): Promise<void> {
  const onProgress = (done: number, total: number) => send({ kind: 'progress', id: request.id, done, total });
  try {
    if (request.kind === 'solve') {
      send({ kind: 'solution', id: request.id, solution: await solveDispatch(request.problem, { onProgress }) });
      return;
    }
    const supply = scenarioProblem(request.scenario, request.supply, request.norms);
    onProgress(0, new Set(supply.problem.demands.flatMap((d) => Object.keys(d.demand))).size);
    const started = performance.now();
    // Nothing above floor anywhere: every need is a shortfall, no model to solve.
    const solution =
      supply.problem.depots.length === 0 ? { status: 'optimal' as const, objective: 0, flows: [], shortfalls: [] } : await solveDispatch(supply.problem, { onProgress });
    const solveMillis = performance.now() - started;
    const recommendation = { ...explainPlan(request.scenario, request.supply, request.norms, supply, solution), solveMillis };
    send({ kind: 'recommendation', id: request.id, recommendation });
  } catch (err) {
    send({ kind: 'error', id: request.id, error: toErrorShape(err) });
  }
}

port.on('message', (request: SolverRequest) => {
  queue = queue.then(() => run(request));
});
