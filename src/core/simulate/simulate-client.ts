import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SimulateSolveError, simulateErrorFromShape } from './errors';
import type { SimulateWorkerReply, SimulationRequest } from './protocol';
import type { SimulationResult } from './simulate';

type Progress = (done: number, total: number) => void;

export interface SimulationRunner {
  /** Runs a scenario's plans in the worker; progress counts the objectives solved over all plans. */
  run(request: SimulationRequest, onProgress?: Progress): Promise<SimulationResult>;
  /** Ends the worker; runs still waiting are refused. */
  dispose(): Promise<void>;
}

type Pending = { resolve: (r: SimulationResult) => void; reject: (e: Error) => void; onProgress?: Progress };

/** The built app ships `simulate-worker.js` beside the bundle; from sources it is loaded through tsx. */
function startWorker(): Worker {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'simulate-worker.js');
  if (existsSync(built)) return new Worker(built);
  const source = pathToFileURL(join(here, 'simulate-worker.ts')).href;
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`, { eval: true });
}

/**
 * Simulates scenarios in a worker thread (as the dispatch solver does, core/dispatch/solver-client.ts),
 * started on first use and again after a crash (the runs it held are refused with the reason).
 */
export function createSimulationRunner(): SimulationRunner {
  let worker: Worker | null = null;
  let disposed = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const idle = () => {
    if (pending.size === 0) worker?.unref();
  };
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    idle();
  };
  const ensure = (): Worker => {
    if (worker) return worker;
    const w = startWorker();
    w.on('message', (reply: SimulateWorkerReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      if (reply.kind === 'progress') return void p.onProgress?.(reply.done, reply.total);
      pending.delete(reply.id);
      idle();
      if (reply.kind === 'result') p.resolve(reply.result);
      else p.reject(simulateErrorFromShape(reply.error));
    });
    w.on('error', (err) => failAll(new SimulateSolveError(`the simulation failed: ${err.message}`)));
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (!disposed) failAll(new SimulateSolveError(`the simulation worker stopped (exit code ${code})`));
    });
    worker = w;
    return w;
  };
  return {
    run(request, onProgress) {
      if (disposed) return Promise.reject(new SimulateSolveError('the simulation worker is shut down'));
      const id = nextId++;
      return new Promise<SimulationResult>((resolve, reject) => {
        pending.set(id, { resolve, reject, ...(onProgress ? { onProgress } : {}) });
        const w = ensure();
        w.ref();
        w.postMessage({ kind: 'simulate', id, ...request });
      });
    },
    async dispose() {
      disposed = true;
      failAll(new SimulateSolveError('the simulation worker is shut down'));
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
