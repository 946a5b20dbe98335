import type { ScenarioProgress } from '../../../../shared/contract';
import { useT } from '../../i18n';

/** What the simulation is doing: reading the regions' stock, then each objective of each plan solved. */
export function ScenarioProgressBar({ progress }: { progress: ScenarioProgress | null }) {
  const t = useT();
  const solving = progress?.phase === 'solving' && progress.total > 0;
  return (
    <div className="scenario-progress" role="status" data-testid="scenario-progress" data-phase={progress?.phase ?? 'starting'}>
      <span>{solving ? t('scenario.progress.solving', { done: progress.done, total: progress.total }) : t('scenario.progress.reading')}</span>
      {solving ? <progress max={progress.total} value={progress.done} /> : <progress />}
    </div>
  );
}
