import { PROVINCES } from '../../../shared/domain/provinces';
import { label, nameOf } from '../format/labels';
import { useTimeFormat } from '../format/time-zone-store';
import { useLocale, useT } from '../i18n';
import { depotSelectors, useDepotStore } from '../stores/depot-store';
import { situationSelectors, useSituationStore } from '../stores/situation-store';
import './alert-list.css';

/** How many alerts are listed; the count in the title is always the full one. */
const SHOWN = 200;
const provinceName = new Map(PROVINCES.map((p) => [p.adcode, p]));

/**
 * Open alerts, critical first, a break-glass level I heading them (marked apart: it waits on a
 * second officer, not on stock); an alert on a depot opens its drawer.
 */
export function AlertList() {
  const shortTime = useTimeFormat();
  const t = useT();
  const locale = useLocale();
  const situation = useSituationStore(situationSelectors.situation);
  const { open } = useDepotStore(depotSelectors.actions);
  const alerts = situation?.alerts ?? [];
  return (
    <section className="panel list-panel">
      <h2 className="panel-title" data-testid="alerts-title" data-value={alerts.length}>
        {t('alerts.title', { count: alerts.length })}
      </h2>
      {alerts.length === 0 ? (
        <p className="panel-empty">{t('alerts.empty')}</p>
      ) : (
        <ol className="alert-list table-scroll" data-testid="alert-list">
          {alerts.slice(0, SHOWN).map((a) => {
            const province = provinceName.get(a.region);
            const breakGlass = a.kind === 'break-glass';
            return (
              <li key={a.id} className={`alert alert-${a.severity}${breakGlass ? ' alert-break-glass' : ''}`} data-kind={a.kind} data-testid={breakGlass ? `alert-break-glass-${a.region}` : undefined}>
                <span className={`severity severity-${a.severity}`}>{label(t, 'alerts.severity', a.severity)}</span>
                <span className="alert-kind">{label(t, 'alerts.kind', a.kind)}</span>
                <span className="alert-where">{province ? nameOf(locale, province) : a.region}</span>
                {a.depot ? (
                  <button type="button" className="link" onClick={() => void open(a.depot ?? '')}>
                    {a.depot}
                  </button>
                ) : breakGlass ? (
                  <span className="alert-note">{t('alerts.breakGlass.awaiting')}</span>
                ) : (
                  <span />
                )}
                <time className="alert-time" dateTime={a.raisedAt}>
                  {shortTime(a.raisedAt)}
                </time>
              </li>
            );
          })}
        </ol>
      )}
      {alerts.length > SHOWN && <p className="panel-note">{t('alerts.more', { count: alerts.length - SHOWN })}</p>}
    </section>
  );
}
