import type { ReplicaClient } from '../replica/replica-client';

/** Events indexed per worker call, so the walls' queries interleave with a long first build. */
const BUDGET = 5_000;

/**
 * Builds the replay index in the background, a slice per worker call, once something asks for
 * replay; calling it again while a build runs (or after it finished) starts nothing new. New
 * events later are indexed by the seek itself.
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
        log(`replay index: ${progress.total} events indexed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return;
      }
    }
  };
  return {
    ensure(): void {
      if (running || stopped) return;
      running = run()
        .catch((err: unknown) => {
          if (!stopped) log(`replay index build failed: ${(err as Error).message}`);
        })
        .finally(() => {
          running = null;
        });
    },
    dispose(): void {
      stopped = true;
    },
  };
}

export type ReplayIndexDriver = ReturnType<typeof createReplayIndexDriver>;
