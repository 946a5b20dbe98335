import type { ReplicaClient } from '../../core/replica/replica-client';
import type { ChainStatus } from '../../shared/contract/audit-schemas';
import type { HostEventHub } from './host-events';

export interface ChainWatchOptions {
  replica: ReplicaClient;
  events: HostEventHub;
  log: (line: string) => void;
  /** A burst of applied batches is checked once, this long after the last one. */
  debounceMs?: number;
  /** Events walked per worker call, so other queries interleave with a long first walk. */
  budget?: number;
  /** Pages checked per worker call by the full page check that follows the quick one on open. */
  pageBudget?: number;
}

export interface ChainWatch {
  /** The latest status; waits for the first walk's first step when none is known yet. */
  current(): Promise<ChainStatus>;
  dispose(): void;
}

/**
 * Keeps each region's chain status current: walks at startup, and again (incrementally, in
 * the worker) a moment after every `replica:changed`; a change is pushed as `audit:chain-changed`.
 */
export function startChainWatch({ replica, events, log, debounceMs = 500, budget = 5_000, pageBudget = 2_000 }: ChainWatchOptions): ChainWatch {
  let latest: ChainStatus | null = null;
  /** A damaged page found by the background check: every region is then reported broken. */
  let damage: string | null = null;
  let markKnown: () => void = () => {};
  const known = new Promise<void>((resolve) => (markKnown = resolve));
  let running = false;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const publish = (walked: ChainStatus) => {
    const next = damage ? { regions: walked.regions.map((r) => ({ ...r, status: 'broken' as const, reason: damage })) } : walked;
    const changed = JSON.stringify(next) !== JSON.stringify(latest);
    latest = next;
    markKnown();
    if (changed) events.emit('audit:chain-changed', next);
  };

  const walk = async () => {
    for (;;) {
      const { complete, regions } = await replica.call('chainCheck', [budget]);
      if (stopped) return;
      publish({ regions });
      if (complete) return;
    }
  };

  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return Promise.resolve();
    }
    running = true;
    const done = walk()
      .catch((err: unknown) => {
        if (!stopped) log(`chain check failed: ${(err as Error).message}`);
        markKnown();
      })
      .finally(() => {
        running = false;
        if (again && !stopped) {
          again = false;
          void run();
        }
      });
    return done;
  };

  const checkPages = async () => {
    for (;;) {
      const step = await replica.call('pageCheck', [pageBudget]);
      if (stopped) return;
      if (step.problem) {
        damage = `replica file damaged: ${step.problem}`;
        log(damage);
        if (latest) publish(latest);
        return;
      }
      if (step.complete) return;
    }
  };

  void run();
  void checkPages().catch((err: unknown) => {
    if (!stopped) log(`page check failed: ${(err as Error).message}`);
  });
  const off = events.subscribe((name) => {
    if (name !== 'replica:changed' || stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void run();
    }, debounceMs);
  });

  return {
    current: async () => {
      if (!latest) await known;
      return latest ?? { regions: [] };
    },
    dispose: () => {
      stopped = true;
      off();
      if (timer) clearTimeout(timer);
    },
  };
}
