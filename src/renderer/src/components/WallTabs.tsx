import { useCallback, useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';
import { WALL_CATALOGUE } from '../walls/catalogue';
import { useWallStore, wallSelectors } from '../walls/wall-store';

/** Which ends of the tab row hold tabs scrolled out of sight. */
interface Hidden {
  before: boolean;
  after: boolean;
}

export function WallTabs() {
  const t = useT();
  const current = useWallStore(wallSelectors.current);
  const { select } = useWallStore(wallSelectors.actions);
  const nav = useRef<HTMLElement>(null);
  const [hidden, setHidden] = useState<Hidden>({ before: false, after: false });
  const measure = useCallback(() => {
    const el = nav.current;
    if (!el) return;
    const before = el.scrollLeft > 1;
    const after = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
    setHidden((h) => (h.before === before && h.after === after ? h : { before, after }));
  }, []);
  // The row scrolls rather than wrapping: keep the wall shown in sight.
  useEffect(() => {
    nav.current?.querySelector('[aria-pressed="true"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    measure();
  }, [current, measure]);
  // A row wider than its room says so: a fade and an arrow at each end that hides tabs.
  useEffect(() => {
    const el = nav.current;
    if (!el) return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, [measure]);
  const scrollBy = (direction: 1 | -1) => {
    const el = nav.current;
    if (el) el.scrollBy({ left: direction * el.clientWidth * 0.8, behavior: 'smooth' });
  };
  return (
    <div className="wall-tabs-frame" data-more-before={hidden.before} data-more-after={hidden.after}>
      {hidden.before && (
        <button type="button" className="wall-tabs-more wall-tabs-more-before" data-testid="wall-tabs-earlier" aria-label={t('wall.nav.earlier')} title={t('wall.nav.earlier')} onClick={() => scrollBy(-1)}>
          ‹
        </button>
      )}
      <nav className="wall-tabs" aria-label={t('wall.nav.label')} ref={nav}>
        {WALL_CATALOGUE.map((w) => (
          <button key={w.type} type="button" data-testid={`wall-tab-${w.type}`} aria-pressed={w.type === current} onClick={() => select(w.type)}>
            {t(w.title)}
          </button>
        ))}
      </nav>
      {hidden.after && (
        <button type="button" className="wall-tabs-more wall-tabs-more-after" data-testid="wall-tabs-later" aria-label={t('wall.nav.later')} title={t('wall.nav.later')} onClick={() => scrollBy(1)}>
          ›
        </button>
      )}
    </div>
  );
}
