import { connectionSelectors, useConnectionStore } from './bridge';
import { DepotDrawer } from './components/DepotDrawer';
import { DepotSearch } from './components/DepotSearch';
import { ErrorPanel } from './components/ErrorPanel';
import { Header } from './components/Header';
import { LoadingState } from './components/LoadingState';
import { StatusBar } from './components/StatusBar';
import { FilterBar } from './filters/FilterBar';
import { useDocumentLang } from './hooks/useDocumentLang';
import { useReplicaSync } from './hooks/useReplicaSync';
import { useShortcuts } from './hooks/useShortcuts';
import { useSituationSync } from './hooks/useSituationSync';
import { replicaSelectors, useReplicaStore } from './stores/replica-store';
import { situationSelectors, useSituationStore } from './stores/situation-store';
import { WallHost } from './walls/WallHost';

export function App() {
  useDocumentLang();
  useReplicaSync();
  useSituationSync();
  useShortcuts();
  const stats = useReplicaStore(replicaSelectors.stats);
  const situation = useSituationStore(situationSelectors.situation);
  const error = useReplicaStore(replicaSelectors.error);
  const linkDown = useConnectionStore(connectionSelectors.isDown);

  return (
    <div className="app">
      <Header />
      <FilterBar />
      <ErrorPanel />
      {stats && situation ? (
        <div className="app-body" data-testid="app-ready">
          <WallHost />
        </div>
      ) : (
        !error && !linkDown && <LoadingState />
      )}
      <StatusBar stats={stats} />
      <DepotDrawer />
      <DepotSearch />
    </div>
  );
}
