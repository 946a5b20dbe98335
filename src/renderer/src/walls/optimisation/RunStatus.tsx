import type { HostErrorInfo, OptimisationProgress } from '../../../../shared/contract';
import { useT } from '../../i18n';

/** "Computing" with the host's progress, or the failure in full with a retry. */
export function RunStatus({ running, progress, error, onRetry, testId }: { running: boolean; progress: OptimisationProgress | null; error: HostErrorInfo | null; onRetry(): void; testId: string }) {
  const t = useT();
  if (running) {
    const text = !progress || progress.phase === 'reading' ? t('optim.reading') : progress.total > 1 ? t('optim.solvingStep', { done: progress.done, total: progress.total }) : t('optim.solving');
    return (
      <p className="panel-note optim-running" role="status" data-testid={`${testId}-running`}>
        <span className="optim-spinner" aria-hidden="true" /> {text}
      </p>
    );
  }
  if (!error) return null;
  return (
    <div className="optim-error" role="alert" data-testid={`${testId}-error`}>
      <p>{t('optim.failed', { message: error.message })}</p>
      <button type="button" onClick={onRetry}>
        {t('optim.retry')}
      </button>
    </div>
  );
}
