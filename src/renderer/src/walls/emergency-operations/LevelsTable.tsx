import { useFilterStore } from '../../filters/filter-store';
import { useTimeFormat } from '../../format/time-zone-store';
import { useLocale, useT } from '../../i18n';
import { bySeverity, nameInSubject } from '../../emergency/emergency-logic';
import { emergencySelectors, useEmergencyStore } from '../../emergency/emergency-store';
import { LevelBadge } from '../../emergency/LevelBadge';
import { regionName } from '../../emergency/region-name';

/** Every region in emergency mode, most severe first; a row focuses its region. */
export function LevelsTable() {
  const shortTime = useTimeFormat();
  const t = useT();
  const locale = useLocale();
  const levels = useEmergencyStore(emergencySelectors.levels);
  const { focusRegion } = useFilterStore.getState().actions;
  return (
    <section className="panel list-panel" data-testid="emergency-levels">
      <h2 className="panel-title">{t('emergency.levels.title')}</h2>
      {levels.length === 0 ? (
        <p className="panel-empty">{t('emergency.levels.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('emergency.levels.col.region')}</th>
                <th scope="col">{t('emergency.levels.col.level')}</th>
                <th scope="col">{t('emergency.levels.col.plan')}</th>
                <th scope="col">{t('emergency.levels.col.since')}</th>
                <th scope="col">{t('emergency.levels.col.by')}</th>
              </tr>
            </thead>
            <tbody>
              {bySeverity(levels).map((l) => (
                <tr
                  key={l.region}
                  className="clickable"
                  tabIndex={0}
                  data-region={l.region}
                  data-level={l.level}
                  onClick={() => focusRegion(l.region)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') focusRegion(l.region);
                  }}
                >
                  <th scope="row">{regionName(locale, l.region)}</th>
                  <td>
                    <LevelBadge level={l.level} />
                  </td>
                  <td>{l.plan ?? ''}</td>
                  <td>{shortTime(l.since)}</td>
                  <td>{l.activatedBy.map(nameInSubject).join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
