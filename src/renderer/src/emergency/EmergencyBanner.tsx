import type { RegionLevel } from '../../../shared/contract';
import { connectionSelectors, useConnectionStore } from '../bridge';
import { useTimeFormat } from '../format/time-zone-store';
import { useLocale, useT } from '../i18n';
import { bySeverity, nameInSubject } from './emergency-logic';
import { emergencySelectors, useEmergencyStore } from './emergency-store';
import { LevelBadge, levelStyle } from './LevelBadge';
import { regionName } from './region-name';
import './emergency.css';

function BannerRow({ level }: { level: RegionLevel }) {
  const shortTime = useTimeFormat();
  const t = useT();
  const locale = useLocale();
  const names = level.activatedBy.map(nameInSubject).join('、');
  return (
    <div className="emergency-banner-row" style={levelStyle(level.level)} data-testid={`emergency-level-${level.region}`} data-level={level.level}>
      <strong className="emergency-banner-region">{regionName(locale, level.region)}</strong>
      <LevelBadge level={level.level} />
      {level.plan && <span className="emergency-banner-plan">{level.plan}</span>}
      <span>{t('emergency.banner.since', { time: shortTime(level.since) })}</span>
      {names && <span>{t('emergency.banner.by', { names })}</span>}
      {level.breakGlass && (
        <span className="emergency-banner-glass" data-testid="break-glass-flag">
          {t('emergency.banner.breakGlass')}
        </span>
      )}
      {level.countersignedBy && <span>{t('emergency.banner.countersigned', { name: nameInSubject(level.countersignedBy) })}</span>}
    </div>
  );
}

/** The regions in emergency mode, at the top of every screen and every wall; nothing when all are normal. */
export function EmergencyBanner() {
  const t = useT();
  const levels = useEmergencyStore(emergencySelectors.levels);
  const error = useEmergencyStore(emergencySelectors.error);
  const linkDown = useConnectionStore(connectionSelectors.isDown);
  // With the host unreachable the error panel says so; here only a failure of the read itself.
  const failed = error !== null && !linkDown;
  if (levels.length === 0 && !failed) return null;
  return (
    <section className="emergency-banner" role="status" aria-label={t('emergency.banner.label')} data-testid="emergency-banner">
      {failed && (
        <p className="emergency-banner-error" data-testid="emergency-unavailable" data-code={error.code}>
          {t('emergency.banner.unavailable', { message: error.message })}
        </p>
      )}
      {bySeverity(levels).map((level) => (
        <BannerRow key={level.region} level={level} />
      ))}
    </section>
  );
}
