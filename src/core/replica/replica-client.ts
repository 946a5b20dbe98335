import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fromErrorShape, type ErrorShape } from '../../shared/errors';
import { ReplicaError } from './errors';
import type { ReplicaMethod, ReplicaWorkerMethods, WorkerInit, WorkerReply } from './worker-protocol';

export interface ReplicaClientOptions {
  file: string;
  key: Buffer;
  create?: boolean;
  slowQueryMs?: number;
  onSlowQuery?: (method: string, millis: number) => void;
}

/**
 * The built app ships the worker as `replica-worker.js` beside the bundle that starts it;
 * from sources (tests, tsx) the `.ts` file is loaded through tsx.
 */
function startWorker(workerData: WorkerInit): Worker {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'replica-worker.js');
  if (existsSync(built)) return new Worker(built, { workerData });
  const source = pathToFileURL(join(here, 'replica-worker.ts')).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

/** An error from the worker, rebuilt from its shape: a replica error as itself, any other as an AppError with its code. */
function rebuild(shape: ErrorShape): Error {
  return ReplicaError.fromShape(shape) ?? fromErrorShape(shape);
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; onProgress?: (done: number, total: number) => void };

/** Typed, promise-based access to a replica owned by a worker thread. */
export class ReplicaClient {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    readonly file: string,
  ) {}

  static open(options: ReplicaClientOptions): Promise<ReplicaClient> {
    const init: WorkerInit = {
      file: options.file,
      keyHex: options.key.toString('hex'),
      create: options.create ?? false,
      slowQueryMs: options.slowQueryMs ?? 200,
    };
    const worker = startWorker(init);
    const client = new ReplicaClient(worker, options.file);
    return new Promise((resolve, reject) => {
      const onFirst = (reply: WorkerReply) => {
        worker.off('message', onFirst);
        if (reply.kind === 'ready') {
          worker.on('message', (r: WorkerReply) => client.onReply(r, options.onSlowQuery));
          resolve(client);
        } else if (reply.kind === 'open-failed') {
          void worker.terminate();
          reject(rebuild(reply.error));
        }
      };
      worker.on('message', onFirst);
      worker.once('error', (err) => {
        client.fail(err);
        reject(err);
      });
      worker.once('exit', (code) => client.fail(new Error(`replica worker exited (code ${code})`)));
    });
  }

  private onReply(reply: WorkerReply, onSlowQuery?: (method: string, millis: number) => void): void {
    if (reply.kind === 'slow') {
      onSlowQuery?.(reply.method, reply.millis);
      return;
    }
    if (reply.kind !== 'result' && reply.kind !== 'error' && reply.kind !== 'progress') return;
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    if (reply.kind === 'progress') {
      pending.onProgress?.(reply.done, reply.total);
      return;
    }
    this.pending.delete(reply.id);
    if (reply.kind === 'result') pending.resolve(reply.value);
    else pending.reject(rebuild(reply.error));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  call<M extends ReplicaMethod>(
    method: M,
    args: ReplicaWorkerMethods[M][0],
    onProgress?: (done: number, total: number) => void,
  ): Promise<ReplicaWorkerMethods[M][1]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, ...(onProgress ? { onProgress } : {}) });
      this.worker.postMessage({ id, method, args });
    });
  }

  /** Closes the database cleanly (WAL checkpointed), then ends the worker. */
  async close(): Promise<void> {
    if (this.failure) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    await this.call('close', []);
    this.failure = new Error('replica closed');
    await exited;
  }
}
