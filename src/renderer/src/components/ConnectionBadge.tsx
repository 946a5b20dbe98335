import { connectionSelectors, useConnectionStore } from '../bridge';
import { useT } from '../i18n';

export function ConnectionBadge() {
  const t = useT();
  const status = useConnectionStore(connectionSelectors.status);
  return (
    <span className={`connection-badge connection-${status}`} data-testid="connection-status" data-status={status}>
      <span className="connection-dot" aria-hidden="true" />
      {t(`conn.${status}`)}
    </span>
  );
}
