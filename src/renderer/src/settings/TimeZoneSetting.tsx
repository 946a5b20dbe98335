import { TIME_ZONES, isTimeZone } from '../format/time';
import { useTimeZoneStore } from '../format/time-zone-store';
import type { Translate } from '../i18n';

/** The zone every time on screen is shown in; applies at once and is kept with this browser profile. */
export function TimeZoneSetting({ t }: { t: Translate }) {
  const zone = useTimeZoneStore((s) => s.zone);
  const { setZone } = useTimeZoneStore((s) => s.actions);
  return (
    <section className="settings-section">
      <label>
        <h3>{t('time.zone')}</h3>
        <select data-testid="settings-time-zone" value={zone} onChange={(e) => isTimeZone(e.target.value) && setZone(e.target.value)}>
          {TIME_ZONES.map((z) => (
            <option key={z} value={z}>
              {t(`time.zone.${z}`)}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
