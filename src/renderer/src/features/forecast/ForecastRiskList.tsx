import { shortProvinceName } from '../../../../shared/domain/provinces';
import { getInrs } from '../../bridge';
import { nameOf } from '../../format/labels';
import { formatNumber } from '../../format/numbers';
import { filterSelectors, useFilterStore } from '../../filters/filter-store';
import { useHostQuery } from '../../hooks/useHostQuery';
import { useLocale, useT } from '../../i18n';
import { situationSelectors, useSituationStore } from '../../stores/situation-store';
import './forecast.css';

/** Rows a wall shows; the rest are counted. */
const MAX_ROWS = 40;

/** The warning list of the overview: reserves under their floor or forecast to cross it within the horizon, soonest first. */
export function ForecastRiskList() {
  const t = useT();
  const locale = useLocale();
  const version = useSituationStore(situationSelectors.situation)?.dataVersion;
  const { toggleRegion } = useFilterStore(filterSelectors.actions);
  const { value: risk, error } = useHostQuery(version ?? null, () => getInrs().forecast.risk());
  const days = risk?.horizonDays ?? 30;
  const rows = risk?.reserves.slice(0, MAX_ROWS) ?? [];
  return (
    <section className="panel forecast-risk-panel" data-testid="forecast-risk" data-status={risk ? 'ready' : error ? 'error' : 'loading'}>
      <h2 className="panel-title">{t('forecastRisk.title', { days })}</h2>
      {error && <p className="panel-empty">{t('forecast.failed', { message: error.message })}</p>}
      {!error && !risk && <p className="panel-empty">{t('forecast.loading')}</p>}
      {risk && risk.reserves.length === 0 && <p className="panel-empty">{t('forecastRisk.empty', { days })}</p>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('forecastRisk.col.region')}</th>
                <th scope="col">{t('forecastRisk.col.reserve')}</th>
                <th scope="col" className="num">{t('forecastRisk.col.stock')}</th>
                <th scope="col">{t('forecastRisk.col.when')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.region}|${r.category}`} data-adcode={r.region} data-category={r.category} className="clickable" tabIndex={0} onClick={() => toggleRegion(r.region)} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), toggleRegion(r.region))}>
                  <th scope="row">{locale === 'zh-CN' ? shortProvinceName(r.regionZh) : r.regionEn}</th>
                  <td>{nameOf(locale, r)}</td>
                  <td className="num" title={locale === 'zh-CN' ? r.unit : r.unitEn}>
                    {formatNumber(locale, Math.round(r.stock))} / {formatNumber(locale, Math.round(r.floor))}
                  </td>
                  <td className={r.underFloorNow || r.expectedDate ? 'warn' : ''}>{r.underFloorNow ? t('forecastRisk.now') : (r.expectedDate ?? r.earliestDate ?? '').slice(5)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {risk && risk.reserves.length > rows.length && <p className="panel-note">{t('forecastRisk.more', { count: risk.reserves.length - rows.length })}</p>}
        </div>
      )}
    </section>
  );
}
