import { useEffect, useState } from 'react';
import type { ContributorInfo } from '../../shared/contract';
import { App } from './App';
import { getInrs } from './bridge';
import { ContributorApp } from './contributor/ContributorApp';

/**
 * Which workstation this is, asked of the host once: a contributor's shows only its own assets;
 * any other (or a host that cannot say) the command center.
 */
export function Root() {
  const [mode, setMode] = useState<{ contributor: ContributorInfo | null } | null>(null);
  useEffect(() => {
    void getInrs()
      .app.info()
      .then((r) => setMode({ contributor: r.ok ? (r.value.contributor ?? null) : null }));
  }, []);
  if (!mode) return null;
  return mode.contributor ? <ContributorApp info={mode.contributor} /> : <App />;
}
