import { connectionSelectors, useConnectionStore } from './bridge';
import { DepotDrawer } from './components/DepotDrawer';
import { DepotSearch } from './components/DepotSearch';
import { ErrorPanel } from './components/ErrorPanel';
import { EmergencyBanner } from './emergency/EmergencyBanner';
import { useEmergencySync } from './emergency/useEmergencySync';
import { useAutoRecommend } from './dispatch/useAutoRecommend';
import { Header } from './components/Header';
import { KioskStrip } from './kiosk/KioskStrip';
import { StaleBanner } from './kiosk/StaleBanner';
import { useKiosk } from './kiosk/useKiosk';
import './kiosk/kiosk.css';
import { DisplaySettings } from './settings/DisplaySettings';
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
  // First, so its read of a change is queued at the replica ahead of the heavier views.
  useEmergencySync();
  useAutoRecommend();
  useReplicaSync();
  useSituationSync();
  useShortcuts();
  const kiosk = useKiosk();
  const stats = useReplicaStore(replicaSelectors.stats);
  const situation = useSituationStore(situationSelectors.situation);
  const error = useReplicaStore(replicaSelectors.error);
  const linkDown = useConnectionStore(connectionSelectors.isDown);

  return (
    <div className="app">
      <EmergencyBanner />
      <Header />
      {kiosk ? <KioskStrip /> : <FilterBar />}
      {kiosk && <StaleBanner />}
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
      {!kiosk && <DisplaySettings />}
    </div>
  );
}
