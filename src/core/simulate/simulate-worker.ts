import { parentPort } from 'node:worker_threads';
import { toErrorShape } from '../../shared/errors';
import type { SimulateWorkerReply, SimulateWorkerRequest } from './protocol';
import { simulate } from './simulate';
import { estimateAffected } from '../hazard/affected';
import { loadProvinceAreas, type ProvinceArea } from '../hazard/provinces';

/**
 * Worker thread for scenario simulation: a national scenario with several plans is several
 * HiGHS solves, and a hazard file's estimate samples its areas cell by cell: work the app host's
 * event loop must not wait on. One request after another.
 */
const port = parentPort;
if (!port) throw new Error('simulate-worker must run in a worker thread');

const send = (reply: SimulateWorkerReply): void => port.postMessage(reply);
let queue: Promise<void> = Promise.resolve();

let provinces: { file: string | undefined; areas: ProvinceArea[] } | null = null;
const provinceAreas = (file: string | undefined): ProvinceArea[] => {
  if (!provinces || provinces.file !== file) provinces = { file, areas: loadProvinceAreas(file) };
  return provinces.areas;
};

async function run(request: SimulateWorkerRequest): Promise<void> {
  try {
    if (request.kind === 'hazard') {
      send({ kind: 'hazard-result', id: request.id, estimate: estimateAffected(request.features, provinceAreas(request.basemapFile)) });
      return;
    }
    const onProgress = (done: number, total: number) => send({ kind: 'progress', id: request.id, done, total });
    send({ kind: 'result', id: request.id, result: await simulate(request.scenario, request.supply, request.norms, request.costs, { onProgress }) });
  } catch (err) {
    send({ kind: 'error', id: request.id, error: toErrorShape(err) });
  }
}

port.on('message', (request: SimulateWorkerRequest) => {
  queue = queue.then(() => run(request));
});
