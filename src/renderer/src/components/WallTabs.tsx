import { useT } from '../i18n';
import { WALL_CATALOGUE } from '../walls/catalogue';
import { useWallStore, wallSelectors } from '../walls/wall-store';

export function WallTabs() {
  const t = useT();
  const current = useWallStore(wallSelectors.current);
  const { select } = useWallStore(wallSelectors.actions);
  return (
    <nav className="wall-tabs" aria-label={t('wall.nav.label')}>
      {WALL_CATALOGUE.map((w) => (
        <button key={w.type} type="button" data-testid={`wall-tab-${w.type}`} aria-pressed={w.type === current} onClick={() => select(w.type)}>
          {t(w.title)}
        </button>
      ))}
    </nav>
  );
}
