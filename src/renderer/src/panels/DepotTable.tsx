import { useMemo } from 'react';
import { PROVINCES } from '../../../shared/domain/provinces';
import { label, nameOf } from '../format/labels';
import { formatPercent } from '../format/numbers';
import { useLocale, useT } from '../i18n';
import { depotSelectors, useDepotStore } from '../stores/depot-store';
import { situationSelectors, useSituationStore } from '../stores/situation-store';
import { PlanShare } from './PlanShare';

/** The depots of one province, under-floor first, then furthest below plan; a row opens the depot drawer. */
export function DepotTable({ region }: { region: string | undefined }) {
  const t = useT();
  const locale = useLocale();
  const situation = useSituationStore(situationSelectors.situation);
  const { open } = useDepotStore(depotSelectors.actions);
  const province = PROVINCES.find((p) => p.adcode === region);
  const rows = useMemo(
    () =>
      (situation?.depots ?? [])
        .filter((d) => d.region === region)
        .sort((a, b) => Number(b.underFloor) - Number(a.underFloor) || (a.planCompletion ?? Infinity) - (b.planCompletion ?? Infinity) || a.code.localeCompare(b.code)),
    [situation, region],
  );
  return (
    <section className="panel depot-panel">
      <h2 className="panel-title">{province ? t('depots.title', { region: nameOf(locale, province) }) : t('region.pick')}</h2>
      {rows.length === 0 ? (
        <p className="panel-empty">{t('depots.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="depot-table">
            <thead>
              <tr>
                <th scope="col">{t('depots.col.name')}</th>
                <th scope="col">{t('depots.col.kind')}</th>
                <th scope="col" className="num">{t('figures.col.plan')}</th>
                <th scope="col" className="num">{t('depots.col.fill')}</th>
                <th scope="col">{t('depots.col.floor')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr
                  key={d.code}
                  data-code={d.code}
                  className="clickable"
                  tabIndex={0}
                  onClick={() => void open(d.code)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') void open(d.code);
                  }}
                >
                  <th scope="row">
                    {nameOf(locale, d)}
                    <code className="depot-code">{d.code}</code>
                  </th>
                  <td>{label(t, 'operator', d.operatorKind)}</td>
                  <td className="num" data-value={d.planCompletion ?? ''}>
                    <PlanShare share={d.planCompletion} />
                  </td>
                  <td className="num">{formatPercent(locale, d.fill)}</td>
                  <td>{d.underFloor ? <span className="band band-severe">{t('depots.underFloor')}</span> : <span className="band band-low">{t('depots.ok')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
