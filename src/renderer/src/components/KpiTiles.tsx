import type { ReplicaStats } from '../../../shared/contract';
import { useT } from '../i18n';
import { KpiTile } from './KpiTile';

type Counter = 'depots' | 'lots' | 'events' | 'categories';
const COUNTERS: readonly Counter[] = ['depots', 'lots', 'events', 'categories'];

/** The replica's own counts, small in the status bar: what this workstation holds. */
export function KpiTiles({ stats }: { stats: ReplicaStats }) {
  const t = useT();
  return (
    <div className="kpi-tiles" aria-label={t('replica.title')}>
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
