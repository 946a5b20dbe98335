import { getInrs } from '../../bridge';
import { label, nameOf } from '../../format/labels';
import { formatPercent } from '../../format/numbers';
import { useHostQuery } from '../../hooks/useHostQuery';
import { useLocale, useT } from '../../i18n';
import { scopeName, wholeNumber } from './optim-format';

/**
 * Reserve sizing hint: per region and class, what the norms and the region's risk call for
 * against what is held and planned; the worst-covered first.
 */
export function SizingPanel({ region, planAt }: { region: string | null; planAt: string | null }) {
  const t = useT();
  const locale = useLocale();
  const { value: sizing, error } = useHostQuery(planAt, () => getInrs().optimisation.sizing({ region }));
  const basis = sizing ? t('optim.sizing.basis', { share: formatPercent(locale, sizing.affectedShare), days: sizing.responseDays }) : '';
  const rows = sizing ? [...sizing.rows].sort((a, b) => (a.completion ?? Infinity) - (b.completion ?? Infinity)) : [];
  return (
    <section className="panel optim-sizing" data-testid="optim-sizing">
      <h2 className="panel-title">{t('optim.sizing.title', { scope: scopeName(t, locale, region) })}</h2>
      {error && (
        <p className="optim-error" role="alert">
          {t('optim.failed', { message: error.message })}
        </p>
      )}
      {sizing && (
        <>
          <div className="table-scroll">
            <table className="data-table compact" data-testid="sizing-table">
              <thead>
                <tr>
                  {!region && <th scope="col">{t('optim.costs.region')}</th>}
                  <th scope="col">{t('optim.sizing.class')}</th>
                  <th scope="col" className="num">
                    {t('optim.sizing.required')}
                  </th>
                  <th scope="col" className="num">
                    {t('optim.sizing.held')}
                  </th>
                  <th scope="col" className="num optim-planned">
                    {t('optim.sizing.planned')}
                  </th>
                  <th scope="col" className="num">
                    {t('optim.sizing.completion')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const planLow = r.targetSource === 'plan' && r.planned < r.required;
                  return (
                    <tr key={`${r.region}|${r.class}`} className={r.completion !== null && r.completion < 1 ? 'optim-short' : undefined} data-target={r.targetSource}>
                      {!region && <th scope="row">{nameOf(locale, r)}</th>}
                      <td>{label(t, 'class', r.class)}</td>
                      <td className="num">{wholeNumber(locale, r.required)}</td>
                      <td className="num">{wholeNumber(locale, r.held)}</td>
                      <td className={planLow ? 'num optim-planned optim-plan-low' : 'num optim-planned'} title={planLow ? t('optim.sizing.planBelowHint') : undefined}>
                        {r.planned > 0 ? wholeNumber(locale, r.planned) : '—'}
                      </td>
                      <td className="num">
                        {r.completion === null ? '—' : formatPercent(locale, r.completion)}
                        <span className="optim-target"> · {t(`optim.sizing.target.${r.targetSource}`)}</span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="panel-note optim-basis optim-basis-line" title={basis}>
            {basis}
          </p>
        </>
      )}
    </section>
  );
}
