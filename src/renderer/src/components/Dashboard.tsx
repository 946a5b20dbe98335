import type { ProvinceAggregate, ReplicaStats } from '../../../shared/contract';
import { KpiTiles } from './KpiTiles';
import { ProvinceTable } from './ProvinceTable';

interface Props {
  stats: ReplicaStats;
  provinces: readonly ProvinceAggregate[];
}

/** The national overview; the grid keeps a slot free for the map. */
export function Dashboard({ stats, provinces }: Props) {
  return (
    <main className="dashboard" data-testid="app-ready">
      <KpiTiles stats={stats} />
      <ProvinceTable provinces={provinces} />
    </main>
  );
}
