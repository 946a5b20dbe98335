import { connectionSelectors, useConnectionStore, type ConnectionState } from '../bridge';
import { isMessageKey, useT, type Translate } from '../i18n';
import { replicaSelectors, useReplicaStore } from '../stores/replica-store';
import { situationSelectors, useSituationStore } from '../stores/situation-store';
import { useFilterStore } from '../filters/filter-store';

function connectionMessage(t: Translate, state: ConnectionState): string | null {
  switch (state.status) {
    case 'no-token':
      return t('error.no-token');
    case 'refused':
      return t('error.refused');
    case 'closed':
      return t('error.closed', { attempt: state.attempt });
    default:
      return null;
  }
}

/** Why the data on screen is missing or stale: the link to the host first, then the host. */
export function ErrorPanel() {
  const t = useT();
  const connection = useConnectionStore(connectionSelectors.state);
  const retryConnection = useConnectionStore(connectionSelectors.retry);
  const replicaError = useReplicaStore(replicaSelectors.error);
  const situationError = useSituationStore(situationSelectors.error);
  const error = replicaError ?? situationError;
  const hasData = useReplicaStore(replicaSelectors.ready);
  const { load } = useReplicaStore(replicaSelectors.actions);

  const linkMessage = connectionMessage(t, connection);
  if (linkMessage) {
    const code = 'code' in connection ? connection.code : null;
    return (
      <section className="error-panel" role="alert" data-testid="error-panel" data-kind="connection" data-code={connection.status}>
        <h2>{t('error.title.connection')}</h2>
        <p>{linkMessage}</p>
        {code !== null && <p className="error-detail">WebSocket {code}</p>}
        {hasData && <p className="error-detail">{t('error.stale')}</p>}
        {connection.status !== 'no-token' && (
          <button type="button" onClick={retryConnection}>
            {t('error.retry')}
          </button>
        )}
      </section>
    );
  }

  if (!error) return null;
  const codeKey = `error.code.${error.code}`;
  return (
    <section className="error-panel" role="alert" data-testid="error-panel" data-kind="host" data-code={error.code}>
      <h2>{t('error.title.host')}</h2>
      <p>
        <strong>{isMessageKey(codeKey) ? t(codeKey) : error.code}</strong>: {error.message}
      </p>
      {hasData && <p className="error-detail">{t('error.stale')}</p>}
      <button
        type="button"
        onClick={() => {
          void load();
          void useSituationStore.getState().actions.load(useFilterStore.getState().filter);
        }}
      >
        {t('error.retry')}
      </button>
    </section>
  );
}
