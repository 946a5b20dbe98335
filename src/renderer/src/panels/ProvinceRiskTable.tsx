import { useMemo } from 'react';
import { filterSelectors, useFilterStore } from '../filters/filter-store';
import { shortProvinceName } from '../../../shared/domain/provinces';
import { label, nameOf } from '../format/labels';
import { formatNumber, formatPercent } from '../format/numbers';
import { useLocale, useT } from '../i18n';
import { situationSelectors, useSituationStore } from '../stores/situation-store';
import { PlanShare } from './PlanShare';

/** Provinces by risk, highest first; a row click filters every view to that province (again: all). */
export function ProvinceRiskTable() {
  const t = useT();
  const locale = useLocale();
  const situation = useSituationStore(situationSelectors.situation);
  const selected = useFilterStore(filterSelectors.regions);
  const { toggleRegion } = useFilterStore(filterSelectors.actions);
  const rows = useMemo(
    () => [...(situation?.provinces ?? [])].sort((a, b) => b.riskIndex - a.riskIndex || a.adcode.localeCompare(b.adcode)),
    [situation],
  );
  return (
    <section className="panel province-panel">
      <h2 className="panel-title">{t('risk.title')}</h2>
      <div className="table-scroll">
        <table className="data-table" data-testid="province-table">
          <thead>
            <tr>
              <th scope="col">{t('risk.col.province')}</th>
              <th scope="col" className="num">{t('risk.col.index')}</th>
              <th scope="col">{t('risk.col.band')}</th>
              <th scope="col" className="num">{t('figures.col.plan')}</th>
              <th scope="col" className="num">{t('risk.col.expiring')}</th>
              <th scope="col" className="num">{t('risk.col.underFloor')}</th>
              <th scope="col" className="num">{t('risk.col.alerts')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr
                key={p.adcode}
                data-adcode={p.adcode}
                className="clickable"
                aria-selected={selected.includes(p.adcode)}
                tabIndex={0}
                onClick={() => toggleRegion(p.adcode)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    toggleRegion(p.adcode);
                  }
                }}
              >
                <th scope="row" title={nameOf(locale, p)}>
                  {locale === 'zh-CN' ? shortProvinceName(p.nameZh) : p.nameEn}
                  {p.emergencyLevel !== 'normal' && <span className="emergency-tag">{label(t, 'emergency', p.emergencyLevel)}</span>}
                </th>
                <td className="num" data-value={p.riskIndex}>{formatNumber(locale, p.riskIndex)}</td>
                <td>
                  <span className={`band band-${p.riskBand}`}>{label(t, 'band', p.riskBand)}</span>
                </td>
                <td className="num" data-value={p.planCompletion ?? ''}>
                  <PlanShare share={p.planCompletion} />
                </td>
                <td className="num">{formatPercent(locale, p.expiring90Share)}</td>
                <td className="num">{formatNumber(locale, p.depotsUnderFloor)}</td>
                <td className="num">{formatNumber(locale, p.openAlerts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
