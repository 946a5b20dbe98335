import type { ReplicaStats } from '../../../shared/contract';
import { KpiTiles } from './KpiTiles';
import { RegionStatusChip } from './RegionStatusChip';
import { useLinkSync } from '../sync/LinkBadge';
import { useChainSync } from '../sync/ChainBadge';
import { DataAsOf } from '../replay/DataAsOf';
import { ReplayMarker, TimeSlider } from '../replay/TimeSlider';

/** One line under the wall: the time slider, the replica's counts, data-as-of and the regions' status chip. */
export function StatusBar({ stats }: { stats: ReplicaStats | null }) {
  useLinkSync();
  useChainSync();
  return (
    <footer className="status-bar status-bar-replay" data-testid="status-bar">
      <TimeSlider />
      <ReplayMarker />
      {stats && <KpiTiles stats={stats} />}
      {stats && <DataAsOf stats={stats} />}
      {stats && <RegionStatusChip stats={stats} />}
    </footer>
  );
}
