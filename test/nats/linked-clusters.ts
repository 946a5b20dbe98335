import { join } from 'node:path';
import { regionDomain } from '../../src/core/regional/log/national-mirror';
import { startNatsCluster } from './nats-cluster';

export type NatsCluster = Awaited<ReturnType<typeof startNatsCluster>>;

/** The national cluster (domain `national`), which regions' clusters join as leafnodes. */
export async function startNationalCluster(dir: string, size = 3): Promise<NatsCluster> {
  const cluster = await startNatsCluster(join(dir, 'national'), size, undefined, { domain: 'national', name: 'national', acceptLeafnodes: true });
  await cluster.ready();
  return cluster;
}

/** A region's own cluster in its domain `region-<adcode>`, linked to the national one by leafnodes. */
export async function startRegionCluster(dir: string, region: string, national: NatsCluster, size = 3): Promise<NatsCluster> {
  const cluster = await startNatsCluster(dir, size, undefined, { domain: regionDomain(region), name: regionDomain(region), leafnodeRemotes: [national.leafnodeUrls] });
  await cluster.ready();
  return cluster;
}
