import { parentPort } from 'node:worker_threads';
import type { DispatchProblem } from './problem';
import { solveDispatch } from './solve';
import type { SolverReply, SolverRequest } from './solver-protocol';

/**
 * Worker thread for the dispatch LP: a national-scale scenario keeps HiGHS busy for a second
 * or more, which the app host's event loop must not wait on. One solve after another.
 */
const port = parentPort;
if (!port) throw new Error('dispatch-worker must run in a worker thread');

const send = (reply: SolverReply): void => port.postMessage(reply);
let queue: Promise<void> = Promise.resolve();

async function run(request: SolverRequest): Promise<void> {
  try {
    const solution = await solveDispatch(request.problem as DispatchProblem, {
      onProgress: (done, total) => send({ kind: 'progress', id: request.id, done, total }),
    });
    send({ kind: 'result', id: request.id, solution });
  } catch (err) {
    const e = err as Error;
    send({ kind: 'error', id: request.id, error: { name: e.name ?? 'Error', message: e.message ?? String(err) } });
  }
}

port.on('message', (request: SolverRequest) => {
  queue = queue.then(() => run(request));
});
