import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { HazardEstimate } from '../hazard/affected';
import { SimulateCancelledError, SimulateSolveError, simulateErrorFromShape } from './errors';
import type { HazardRequest, SimulateWorkerReply, SimulationRequest } from './protocol';
import type { SimulationResult } from './simulate';

type Progress = (done: number, total: number) => void;

export interface SimulationRunner {
  /** Runs a scenario's plans in the worker; progress counts the objectives solved over all plans. */
  run(request: SimulationRequest, onProgress?: Progress): Promise<SimulationResult>;
  /** The provinces a hazard file's features cover and the people in them (core/hazard), off the caller's thread. */
  estimateHazard(request: HazardRequest): Promise<HazardEstimate>;
  /**
   * Stops whatever the worker is doing: a HiGHS solve cannot be interrupted, so the worker is
   * ended and started again on next use. Every run it held is refused as cancelled.
   */
  cancel(): Promise<void>;
  /** Ends the worker; runs still waiting are refused. */
  dispose(): Promise<void>;
}

type Pending = { resolve: (r: never) => void; reject: (e: Error) => void; onProgress?: Progress };

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
 * started on first use and again after a crash or a cancel (the runs it held are refused with the reason).
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
  // A worker ended on purpose (cancel, dispose) reports its exit to no one.
  const ended = new WeakSet<Worker>();
  const ensure = (): Worker => {
    if (worker) return worker;
    const w = startWorker();
    w.on('message', (reply: SimulateWorkerReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      if (reply.kind === 'progress') return void p.onProgress?.(reply.done, reply.total);
      pending.delete(reply.id);
      idle();
      if (reply.kind === 'result') p.resolve(reply.result as never);
      else if (reply.kind === 'hazard-result') p.resolve(reply.estimate as never);
      else p.reject(simulateErrorFromShape(reply.error));
    });
    w.on('error', (err) => failAll(new SimulateSolveError(`the simulation failed: ${err.message}`)));
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (!disposed && !ended.has(w)) failAll(new SimulateSolveError(`the simulation worker stopped (exit code ${code})`));
    });
    worker = w;
    return w;
  };
  const post = <T>(message: object, onProgress?: Progress): Promise<T> => {
    if (disposed) return Promise.reject(new SimulateSolveError('the simulation worker is shut down'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (r: never) => void, reject, ...(onProgress ? { onProgress } : {}) });
      const w = ensure();
      w.ref();
      w.postMessage({ ...message, id });
    });
  };
  const stop = async (err: Error) => {
    const w = worker;
    worker = null;
    if (w) ended.add(w);
    failAll(err);
    if (w) await w.terminate();
  };
  return {
    run: (request, onProgress) => post<SimulationResult>({ kind: 'simulate', ...request }, onProgress),
    estimateHazard: (request) => post<HazardEstimate>({ kind: 'hazard', ...request }),
    cancel: () => stop(new SimulateCancelledError('the simulation was cancelled')),
    async dispose() {
      disposed = true;
      await stop(new SimulateSolveError('the simulation worker is shut down'));
    },
  };
}
