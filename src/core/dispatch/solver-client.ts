import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DispatchRecommendation, DispatchScenario } from '../../shared/contract/dispatch-schemas';
import { dispatchErrorFromShape, DispatchSolveError } from './errors';
import type { NormsFile } from './norms';
import type { DispatchProblem, DispatchSolution } from './problem';
import type { DispatchSupply } from './recommend';
import type { SolverReply, SolverRequest } from './solver-protocol';

type Progress = (done: number, total: number) => void;

export interface DispatchSolver {
  solve(problem: DispatchProblem, onProgress?: Progress): Promise<DispatchSolution>;
  /** Builds, solves and explains a scenario's plan in the worker; progress counts categories solved. */
  recommend(request: { scenario: DispatchScenario; supply: DispatchSupply; norms: NormsFile }, onProgress?: Progress): Promise<DispatchRecommendation>;
  /** Ends the worker; solves still waiting are refused. */
  dispose(): Promise<void>;
}

type Pending = { resolve: (value: unknown) => void; reject: (e: Error) => void; onProgress?: Progress };

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

  // An idle worker never keeps the process alive; one with work to do does.
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
    w.on('message', (reply: SolverReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      if (reply.kind === 'progress') {
        p.onProgress?.(reply.done, reply.total);
        return;
      }
      pending.delete(reply.id);
      idle();
      if (reply.kind === 'solution') p.resolve(reply.solution);
      else if (reply.kind === 'recommendation') p.resolve(reply.recommendation);
      else p.reject(dispatchErrorFromShape(reply.error));
    });
    w.on('error', (err) => failAll(new DispatchSolveError(`the dispatch solver failed: ${err.message}`)));
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (!disposed) failAll(new DispatchSolveError(`the dispatch solver stopped (exit code ${code})`));
    });
    worker = w;
    return w;
  };

  const ask = <T>(request: SolverRequest, onProgress?: Progress): Promise<T> => {
    if (disposed) return Promise.reject(new DispatchSolveError('the dispatch solver is shut down'));
    return new Promise<T>((resolve, reject) => {
      pending.set(request.id, { resolve: resolve as (value: unknown) => void, reject, ...(onProgress ? { onProgress } : {}) });
      const w = ensure();
      w.ref();
      w.postMessage(request);
    });
  };

  return {
    solve: (problem, onProgress) => ask<DispatchSolution>({ kind: 'solve', id: nextId++, problem }, onProgress),
    recommend: ({ scenario, supply, norms }, onProgress) => ask<DispatchRecommendation>({ kind: 'recommend', id: nextId++, scenario, supply, norms }, onProgress),
    async dispose() {
      disposed = true;
      failAll(new DispatchSolveError('the dispatch solver is shut down'));
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
