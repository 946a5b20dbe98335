import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, fromErrorShape } from '../../shared/errors';
import type { LayoutReading } from '../replica/optimisation-queries';
import type { RotationInput, RotationPlan } from '../rotation';
import type { LayoutOutcome } from './layout-outcome';
import type { OptimisationReply, OptimisationRequest } from './optimisation-protocol';

type Progress = (done: number, total: number) => void;

export interface OptimisationSolver {
  rotation(input: RotationInput): Promise<RotationPlan>;
  /** Progress counts the two layout solves (proposal, today's sites). */
  layout(reading: LayoutReading, onProgress?: Progress): Promise<LayoutOutcome>;
  /** Ends the worker; solves still waiting are refused. */
  dispose(): Promise<void>;
}

const failure = (message: string) => new AppError('optimisation-solve', message);

/** The built app ships `optimisation-worker.js` beside the bundle; from sources it is loaded through tsx. */
function startWorker(): Worker {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'optimisation-worker.js');
  if (existsSync(built)) return new Worker(built);
  const source = pathToFileURL(join(here, 'optimisation-worker.ts')).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(boot, { eval: true });
}

type Pending = { resolve: (value: unknown) => void; reject: (e: Error) => void; onProgress?: Progress };

/**
 * Runs the rotation planner and the layout optimiser in a worker thread, as the dispatch
 * solver does: started on first use, started again after a crash (the solves it held are refused
 * with the reason), unref'd while idle.
 */
export function createOptimisationSolver(): OptimisationSolver {
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
    w.on('message', (reply: OptimisationReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      if (reply.kind === 'progress') {
        p.onProgress?.(reply.done, reply.total);
        return;
      }
      pending.delete(reply.id);
      idle();
      if (reply.kind === 'rotation') p.resolve(reply.plan);
      else if (reply.kind === 'layout') p.resolve(reply.outcome);
      else p.reject(fromErrorShape(reply.error));
    });
    w.on('error', (err) => failAll(failure(`the optimisation solver failed: ${err.message}`)));
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (!disposed) failAll(failure(`the optimisation solver stopped (exit code ${code})`));
    });
    worker = w;
    return w;
  };
  const ask = <T>(request: OptimisationRequest, onProgress?: Progress): Promise<T> => {
    if (disposed) return Promise.reject(failure('the optimisation solver is shut down'));
    return new Promise<T>((resolve, reject) => {
      pending.set(request.id, { resolve: resolve as (value: unknown) => void, reject, ...(onProgress ? { onProgress } : {}) });
      const w = ensure();
      w.ref();
      w.postMessage(request);
    });
  };
  return {
    rotation: (input) => ask<RotationPlan>({ kind: 'rotation', id: nextId++, input }),
    layout: (reading, onProgress) => ask<LayoutOutcome>({ kind: 'layout', id: nextId++, reading }, onProgress),
    async dispose() {
      disposed = true;
      failAll(failure('the optimisation solver is shut down'));
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
