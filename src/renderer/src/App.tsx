import { connectionSelectors, useConnectionStore } from './bridge';
import { Dashboard } from './components/Dashboard';
import { ErrorPanel } from './components/ErrorPanel';
import { Header } from './components/Header';
import { LoadingState } from './components/LoadingState';
import { StatusBar } from './components/StatusBar';
import { useDocumentLang } from './hooks/useDocumentLang';
import { useReplicaSync } from './hooks/useReplicaSync';
import { replicaSelectors, useReplicaStore } from './stores/replica-store';

export function App() {
  useDocumentLang();
  useReplicaSync();
  const stats = useReplicaStore(replicaSelectors.stats);
  const provinces = useReplicaStore(replicaSelectors.provinces);
  const error = useReplicaStore(replicaSelectors.error);
  const linkDown = useConnectionStore(connectionSelectors.isDown);

  return (
    <div className="app">
      <Header />
      <ErrorPanel />
      {stats ? <Dashboard stats={stats} provinces={provinces} /> : !error && !linkDown && <LoadingState />}
      <StatusBar stats={stats} />
    </div>
  );
}
