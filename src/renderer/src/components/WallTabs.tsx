import { useEffect, useRef } from 'react';
import { useT } from '../i18n';
import { WALL_CATALOGUE } from '../walls/catalogue';
import { useWallStore, wallSelectors } from '../walls/wall-store';

export function WallTabs() {
  const t = useT();
  const current = useWallStore(wallSelectors.current);
  const { select } = useWallStore(wallSelectors.actions);
  const nav = useRef<HTMLElement>(null);
  // The row scrolls rather than wrapping: keep the wall shown in sight.
  useEffect(() => {
    nav.current?.querySelector('[aria-pressed="true"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [current]);
  return (
    <nav className="wall-tabs" aria-label={t('wall.nav.label')} ref={nav}>
      {WALL_CATALOGUE.map((w) => (
        <button key={w.type} type="button" data-testid={`wall-tab-${w.type}`} aria-pressed={w.type === current} onClick={() => select(w.type)}>
          {t(w.title)}
        </button>
      ))}
    </nav>
  );
}
