import { Component, lazy, Suspense, useEffect, useMemo, type ReactNode } from 'react';
import { useT } from '../i18n';
import { WALL_CATALOGUE } from './catalogue';
import type { WallType } from './layout';
import { useWallStore, wallSelectors } from './wall-store';

const lazyWalls = new Map(WALL_CATALOGUE.map((w) => [w.type, lazy(w.load)]));

class WallBoundary extends Component<{ fallback: (error: Error) => ReactNode; children: ReactNode; wall: WallType }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidUpdate(prev: { wall: WallType }) {
    if (prev.wall !== this.props.wall && this.state.error) this.setState({ error: null });
  }
  override render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}

/** Shows the current wall, loading its code on first use; a wall that fails leaves the rest running. */
export function WallHost() {
  const t = useT();
  const current = useWallStore(wallSelectors.current);
  const layout = useWallStore(wallSelectors.layout);
  const Wall = useMemo(() => lazyWalls.get(current), [current]);
  // Once the first wall is up, the others' code loads in the background: a switch (or a kiosk's
  // next slot) then never waits for a chunk while the map keeps the page busy.
  useEffect(() => {
    const timer = setTimeout(() => {
      for (const wall of WALL_CATALOGUE) void wall.load().catch(() => undefined);
    }, 0);
    return () => clearTimeout(timer);
  }, []);
  if (!Wall) return null;
  return (
    <WallBoundary
      wall={current}
      fallback={(error) => (
        <section className="error-panel" role="alert">
          <p>{t('wall.failed', { wall: t(`wall.${current}`), message: error.message })}</p>
        </section>
      )}
    >
      <Suspense fallback={<div className="loading-state">{t('wall.loading')}</div>}>
        <Wall layout={layout} />
      </Suspense>
    </WallBoundary>
  );
}
