import { parentPort } from 'node:worker_threads';
import { planRotations } from '../rotation';
import { toErrorShape } from '../../shared/errors';
import { layoutOutcome } from './layout-outcome';
import type { OptimisationReply, OptimisationRequest } from './optimisation-protocol';

/**
 * Worker thread of the optimisation wall: the rotation MILPs and the layout MILP take from
 * milliseconds to seconds, which the app host's event loop must not wait on. One request after another.
 */
const port = parentPort;
if (!port) throw new Error('optimisation-worker must run in a worker thread');

const send = (reply: OptimisationReply): void => port.postMessage(reply);
let queue: Promise<void> = Promise.resolve();

async function run(request: OptimisationRequest): Promise<void> {
  try {
    if (request.kind === 'rotation') {
      send({ kind: 'rotation', id: request.id, plan: await planRotations(request.input) });
      return;
    }
    const outcome = await layoutOutcome(request.reading, (done, total) => send({ kind: 'progress', id: request.id, done, total }));
    send({ kind: 'layout', id: request.id, outcome });
  } catch (err) {
    send({ kind: 'error', id: request.id, error: toErrorShape(err) });
  }
}

port.on('message', (request: OptimisationRequest) => {
  queue = queue.then(() => run(request));
});
