import { openReplica } from '../../../src/core/replica/replica';
import { directSink } from '../../../src/core/sync/direct-sink';
import { RegionLink, type LinkIdentity } from '../../../src/core/sync/region-link';
import type { LinkState } from '../../../src/shared/contract/sync-schemas';
import type { CommandNet } from '../../commands/support/officers';
import { REGION } from '../../commands/support/officers';
import { waitFor } from '../../sync/support/wait';

/**
 * A closed replica file that received the region's log over mutual TLS up to the server's head,
 * as a workstation holds it (`target` to bring an existing one up to date).
 */
export async function syncedReplica(cn: CommandNet, identity: LinkIdentity, target = cn.net.replicaFile()): Promise<{ file: string; keyFile: string; key: Buffer }> {
  const replica = openReplica(target.file, target.key);
  const states: LinkState[] = [];
  const link = new RegionLink({ region: REGION, urls: [cn.server.url], identity, rootPem: cn.net.rootPem, sink: directSink(replica), clientId: `registry-test-${target.file}`, onState: (s) => states.push(s) });
  link.start();
  try {
    const head = cn.server.store.head().seq;
    await waitFor(() => states.some((s) => s.status === 'live' && 'cursor' in s && s.cursor >= head), 'the replica to catch up with the server', 30_000);
  } finally {
    await link.stop();
    replica.close();
  }
  return target;
}
