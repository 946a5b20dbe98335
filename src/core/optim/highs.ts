import loadHighs, { type Highs, type Model } from 'highs';

let runtime: Promise<Highs> | null = null;

/**
 * The HiGHS runtime (HiGHS compiled to WebAssembly, package `highs`), instantiated once per
 * process on first use. Solves are synchronous once it is loaded: run large ones off the main
 * thread of an interactive process.
 */
export function highsRuntime(): Promise<Highs> {
  runtime ??= loadHighs().catch((err: unknown) => {
    runtime = null;
    throw new Error(`cannot load the HiGHS solver (highs.wasm): ${err instanceof Error ? err.message : String(err)}`);
  });
  return runtime;
}

/** The name of a HiGHS model status code (`optimal`, `infeasible`, `timeLimit`…), for messages. */
export const modelStatusName = (highs: Highs, status: number): string =>
  Object.entries(highs.constants.modelStatus).find(([, code]) => code === status)?.[0] ?? String(status);

/**
 * Runs a model and returns its status. A warm start from the last basis (after added columns or
 * rows) can end without a verdict on a degenerate model; solved again from scratch it has one.
 */
export function runWithVerdict(highs: Highs, model: Model): number {
  model.run();
  const status = model.getModelStatus();
  if (status !== highs.constants.modelStatus.unknown) return status;
  model.clearSolver();
  model.run();
  return model.getModelStatus();
}
