import { useMemo } from 'react';
import { groupAlerts } from '../../../shared/domain/alert-groups';
import { PROVINCES } from '../../../shared/domain/provinces';
import { label, nameOf } from '../format/labels';
import { useTimeFormat } from '../format/time-zone-store';
import { useLocale, useT } from '../i18n';
import { depotSelectors, useDepotStore } from '../stores/depot-store';
import { situationSelectors, useSituationStore } from '../stores/situation-store';
import './alert-list.css';

const provinceName = new Map(PROVINCES.map((p) => [p.adcode, p]));

/**
 * Open alerts grouped by depot × class × kind (count, first and last seen), critical first, a
 * break-glass level I heading them (it waits on a second officer, not on stock). Every group is
 * listed; the list scrolls inside its panel. A group on a depot opens the depot's drawer.
 */
export function AlertList() {
  const shortTime = useTimeFormat();
  const t = useT();
  const locale = useLocale();
  const situation = useSituationStore(situationSelectors.situation);
  const categories = useSituationStore(situationSelectors.categories);
  const { open } = useDepotStore(depotSelectors.actions);
  const alerts = situation?.alerts;
  const groups = useMemo(() => groupAlerts(alerts ?? []), [alerts]);
  const count = alerts?.length ?? 0;
  const categoryName = (code: string) => {
    const c = categories.find((x) => x.code === code);
    return c ? nameOf(locale, c) : code;
  };
  return (
    <section className="panel list-panel">
      <h2 className="panel-title" data-testid="alerts-title" data-value={count} data-groups={groups.length}>
        {t('alerts.groups', { groups: groups.length, count })}
      </h2>
      {groups.length === 0 ? (
        <p className="panel-empty">{t('alerts.empty')}</p>
      ) : (
        <ol className="alert-list table-scroll" data-testid="alert-list">
          {groups.map((g) => {
            const province = provinceName.get(g.region);
            const breakGlass = g.kind === 'break-glass';
            const what = [g.class ? label(t, 'class', g.class) : null, ...g.categories.map(categoryName)].filter(Boolean).join(' · ');
            return (
              <li
                key={g.key}
                className={`alert alert-${g.severity}${breakGlass ? ' alert-break-glass' : ''}`}
                data-kind={g.kind}
                data-count={g.count}
                data-class={g.class ?? ''}
                data-testid={breakGlass ? `alert-break-glass-${g.region}` : 'alert-group'}
              >
                <span className={`severity severity-${g.severity}`}>{label(t, 'alerts.severity', g.severity)}</span>
                <span className="alert-kind">
                  {label(t, 'alerts.kind', g.kind)}
                  {g.count > 1 && <strong className="alert-count"> {t('alerts.times', { count: g.count })}</strong>}
                </span>
                <span className="alert-what">{what || t('alerts.allClasses')}</span>
                <span className="alert-where">{province ? nameOf(locale, province) : g.region}</span>
                {g.depot ? (
                  <button type="button" className="link" onClick={() => void open(g.depot ?? '')}>
                    {g.depot}
                  </button>
                ) : breakGlass ? (
                  <span className="alert-note">{t('alerts.breakGlass.awaiting')}</span>
                ) : (
                  <span />
                )}
                <time className="alert-time" dateTime={g.firstSeen} data-last={g.lastSeen}>
                  {g.firstSeen === g.lastSeen
                    ? t('alerts.since', { first: shortTime(g.firstSeen) })
                    : t('alerts.span', { first: shortTime(g.firstSeen), last: shortTime(g.lastSeen) })}
                </time>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
