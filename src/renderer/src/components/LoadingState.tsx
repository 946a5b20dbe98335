import { useT } from '../i18n';

export function LoadingState() {
  const t = useT();
  return (
    <div className="loading-state" data-testid="loading" role="status" aria-live="polite">
      <span className="loading-spinner" aria-hidden="true" />
      {t('loading')}
    </div>
  );
}
