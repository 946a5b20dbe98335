import { createReplayIndexDriver } from '../../core/replay/index-driver';
import { ReplicaWorkerError, type ReplicaClient } from '../../core/replica/replica-client';
import { HostError } from '../../shared/contract';
import type { HostHandlers } from './dispatcher';

type ReplayChannel = 'replay:range' | 'replay:snapshot' | 'replay:kpis';

/** A seek the replica cannot answer yet (index building) or at all (before a region's replay floor) says so plainly. */
async function seek<T>(channel: string, at: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ReplicaWorkerError && err.code === 'replay-building') throw new HostError('replica-unavailable', `${channel}: ${err.message}`);
    if (err instanceof ReplicaWorkerError && err.name === 'BeforeFloorError') throw new HostError('bad-request', `${channel} at ${at}: ${err.message}`);
    throw err;
  }
}

/** The time slider: the replayable span (asking for it starts the index build) and the situation at a moment. */
export function createReplayHandlers(replica: ReplicaClient, log: (line: string) => void = () => {}): Pick<HostHandlers, ReplayChannel> {
  const driver = createReplayIndexDriver(replica, log);
  return {
    'replay:range': async () => {
      const range = await replica.call('replayRange', []);
      if (!range.index.complete) driver.ensure();
      return range;
    },
    'replay:snapshot': ({ at, filter }) => seek('replay:snapshot', at, () => replica.call('replaySnapshot', [at, filter])),
    'replay:kpis': ({ at, filter }) => seek('replay:kpis', at, () => replica.call('replayKpis', [at, filter])),
  };
}
