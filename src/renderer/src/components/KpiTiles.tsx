import type { ReplicaStats } from '../../../shared/contract';
import { useT } from '../i18n';
import { KpiTile } from './KpiTile';

type Counter = 'depots' | 'lots' | 'events' | 'categories';
const COUNTERS: readonly Counter[] = ['depots', 'lots', 'events', 'categories'];

export function KpiTiles({ stats }: { stats: ReplicaStats }) {
  const t = useT();
  return (
    <div className="kpi-tiles">
      {COUNTERS.map((counter) => (
        <KpiTile
          key={counter}
          label={t(`kpi.${counter}`)}
          value={stats[counter]}
          testId={`kpi-${counter}`}
        />
      ))}
    </div>
  );
}
