import type { ReplicaClient } from '../replica/replica-client';

/** Events indexed per worker call, so the walls' queries interleave with a long first build. */
const BUDGET = 5_000;

/**
 * Builds the replay index (and its checkpoints) in the background, a slice per worker call, once
 * something asks for replay; calling it again while a build runs starts nothing new. Live events
 * later are indexed by the next call (the range is asked for again as the replica changes) or by
 * the seek itself.
 */
export function createReplayIndexDriver(replica: ReplicaClient, log: (line: string) => void) {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = async () => {
    const started = Date.now();
    for (;;) {
      const progress = await replica.call('replayBuild', [BUDGET]);
      if (stopped) return;
      if (progress.complete) {
        if (Date.now() - started > 1000) log(`replay index: ${progress.total} events indexed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return;
      }
    }
  };
  return {
    /** Starts a build unless one runs; resolves when it is over (failed builds are logged, not thrown). */
    ensure(): Promise<void> {
      if (stopped) return Promise.resolve();
      if (running) return running;
      running = run()
        .catch((err: unknown) => {
          if (!stopped) log(`replay index build failed: ${(err as Error).message}`);
        })
        .finally(() => {
          running = null;
        });
      return running;
    },
    dispose(): void {
      stopped = true;
    },
  };
}

export type ReplayIndexDriver = ReturnType<typeof createReplayIndexDriver>;
