import type { DispatchProgress } from '../../../shared/contract';
import { useT } from '../i18n';

/** What the optimiser is doing: reading the replica, then each category solved out of all. */
export function RunProgress({ progress }: { progress: DispatchProgress | null }) {
  const t = useT();
  const solving = progress?.phase === 'solving' && progress.total > 0;
  return (
    <div className="dispatch-progress" role="status" data-testid="dispatch-progress" data-phase={progress?.phase ?? 'starting'}>
      <span>{solving ? t('dispatch.progress.solving', { done: progress.done, total: progress.total }) : t('dispatch.progress.reading')}</span>
      {solving ? <progress max={progress.total} value={progress.done} /> : <progress />}
    </div>
  );
}
