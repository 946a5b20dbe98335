import { EMERGENCY_LEVELS } from '../../../shared/domain/emergency';
import { regionName } from '../emergency/region-name';
import { isMessageKey, useLocale, useT } from '../i18n';
import { useWallStore, wallSelectors } from '../walls/wall-store';
import { kioskSelectors, useKioskStore } from './kiosk-store';
import { shownInterrupt } from './playlist-scheduler';

/**
 * The kiosk's line above the wall: which wall and where in the playlist; when something holds
 * the rotation, what it is and a large acknowledge button (for touch walls; a wall without
 * touch is acknowledged from a workstation or by the cause going away).
 */
export function KioskStrip() {
  const t = useT();
  const locale = useLocale();
  const settings = useKioskStore(kioskSelectors.settings);
  const scheduler = useKioskStore(kioskSelectors.scheduler);
  const unknown = useKioskStore(kioskSelectors.unknownWalls);
  const { send } = useKioskStore(kioskSelectors.actions);
  const current = useWallStore(wallSelectors.current);
  if (!settings || !scheduler) return null;
  const hold = shownInterrupt(scheduler);
  const playlist = scheduler.config.playlist;
  const wallTitle = `wall.${current}`;
  const level = hold?.rank !== undefined ? EMERGENCY_LEVELS[hold.rank] : undefined;
  const levelKey = level ? `emergency.level.${level}` : '';

  return (
    <div className="kiosk-bar" data-testid="kiosk" data-wall={current} data-loops={scheduler.loops} data-index={scheduler.index} data-held={hold?.id ?? ''}>
      {hold ? (
        <section className={`kiosk-hold kiosk-hold-${hold.kind}`} role="alert" data-testid="kiosk-hold" data-kind={hold.kind} data-region={hold.region ?? ''}>
          <span className="kiosk-hold-text">
            {hold.kind === 'alert'
              ? t('kiosk.hold.alert', { count: hold.alertIds?.length ?? 0 })
              : t('kiosk.hold.emergency', { region: regionName(locale, hold.region ?? ''), level: isMessageKey(levelKey) ? t(levelKey) : (level ?? '') })}
            <span className="kiosk-hold-hint">{t('kiosk.hold.hint')}</span>
          </span>
          <button type="button" className="kiosk-ack" data-testid="kiosk-ack" onClick={() => send({ type: 'acknowledge', id: hold.id, now: Date.now() })}>
            {t('kiosk.hold.ack')}
          </button>
        </section>
      ) : (
        <div className="kiosk-strip">
          <span className="kiosk-strip-wall">{isMessageKey(wallTitle) ? t(wallTitle) : current}</span>
          <span className="kiosk-strip-position">
            {playlist.length > 1
              ? t('kiosk.strip.position', { n: scheduler.index + 1, total: playlist.length, seconds: settings.intervalSeconds })
              : t('kiosk.strip.fixed')}
          </span>
          {unknown.length > 0 && <span className="kiosk-strip-position">{t('kiosk.strip.unknown', { walls: unknown.join(', ') })}</span>}
        </div>
      )}
    </div>
  );
}
