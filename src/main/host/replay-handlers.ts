import { createReplayIndexDriver, type ReplayIndexDriver } from '../../core/replay/index-driver';
import type { ReplicaClient } from '../../core/replica/replica-client';
import { HostError } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { HostHandlers } from './dispatcher';

type ReplayChannel = 'replay:range' | 'replay:snapshot' | 'replay:kpis';

const hasCode = (err: unknown, code: string): err is AppError => err instanceof AppError && err.code === code;
const building = (err: unknown): err is AppError => hasCode(err, 'replay-building');

/**
 * A seek made while a long build runs waits for it (the slider shows its progress and can cancel);
 * one the replica cannot answer at all (before a region's replay floor) says so plainly.
 */
async function seek<T>(channel: string, at: string, driver: ReplayIndexDriver, call: () => Promise<T>): Promise<T> {
  try {
    try {
      return await call();
    } catch (err) {
      if (!building(err)) throw err;
      await driver.ensure();
      return await call();
    }
  } catch (err) {
    if (building(err)) throw new HostError('replica-unavailable', `${channel}: ${err.message}`, { cause: err.code, ...err.details });
    if (hasCode(err, 'before-floor')) throw new HostError('bad-request', `${channel} at ${at}: ${err.message}`, { cause: err.code, ...err.details });
    throw err;
  }
}

/** The time slider: the replayable span (asking for it starts the index build) and the situation at a moment. */
export function createReplayHandlers(replica: ReplicaClient, log: (line: string) => void = () => {}): Pick<HostHandlers, ReplayChannel> {
  const driver = createReplayIndexDriver(replica, log);
  let first = true;
  return {
    'replay:range': async () => {
      const range = await replica.call('replayRange', []);
      // The first ask also lays the checkpoints (held in memory) over an index kept from an earlier run.
      if (first || !range.index.complete) void driver.ensure();
      first = false;
      return range;
    },
    'replay:snapshot': ({ at, filter }) => seek('replay:snapshot', at, driver, () => replica.call('replaySnapshot', [at, filter])),
    'replay:kpis': ({ at, filter }) => seek('replay:kpis', at, driver, () => replica.call('replayKpis', [at, filter])),
  };
}
