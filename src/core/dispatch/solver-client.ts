import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DispatchSolveError } from './errors';
import type { DispatchProblem, DispatchSolution } from './problem';
import type { SolverReply, SolverRequest } from './solver-protocol';

export interface DispatchSolver {
  solve(problem: DispatchProblem, onProgress?: (done: number, total: number) => void): Promise<DispatchSolution>;
  /** Ends the worker; solves still waiting are refused. */
  dispose(): Promise<void>;
}

type Pending = { resolve: (s: DispatchSolution) => void; reject: (e: Error) => void; onProgress?: (done: number, total: number) => void };

/** The built app ships `dispatch-worker.js` beside the bundle; from sources it is loaded through tsx. */
function startWorker(): Worker {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'dispatch-worker.js');
  if (existsSync(built)) return new Worker(built);
  const source = pathToFileURL(join(here, 'dispatch-worker.ts')).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(boot, { eval: true });
}

/**
 * Solves dispatch problems in a worker thread, started on first use and started again after
 * a crash (the solves it held are refused with the reason).
 */
export function createDispatchSolver(): DispatchSolver {
  let worker: Worker | null = null;
  let disposed = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  const ensure = (): Worker => {
    if (worker) return worker;
    const w = startWorker();
    w.on('message', (reply: SolverReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      if (reply.kind === 'progress') {
        p.onProgress?.(reply.done, reply.total);
        return;
      }
      pending.delete(reply.id);
      if (reply.kind === 'result') p.resolve(reply.solution);
      else p.reject(reply.error.name === 'DispatchSolveError' ? new DispatchSolveError(reply.error.message) : new Error(reply.error.message));
    });
    w.on('error', (err) => failAll(new DispatchSolveError(`the dispatch solver failed: ${err.message}`)));
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (!disposed) failAll(new DispatchSolveError(`the dispatch solver stopped (exit code ${code})`));
    });
    worker = w;
    return w;
  };

  return {
    solve(problem, onProgress) {
      if (disposed) return Promise.reject(new DispatchSolveError('the dispatch solver is shut down'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, ...(onProgress ? { onProgress } : {}) });
        const request: SolverRequest = { id, problem };
        ensure().postMessage(request);
      });
    },
    async dispose() {
      disposed = true;
      failAll(new DispatchSolveError('the dispatch solver is shut down'));
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
