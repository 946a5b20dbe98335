import { useMemo, useState } from 'react';
import { getInrs } from '../../bridge';
import { EChart } from '../../charts/EChart';
import { nameOf } from '../../format/labels';
import { useHostQuery } from '../../hooks/useHostQuery';
import { useLocale, useT } from '../../i18n';
import { costOption } from './cost-chart';
import { monthLabel, scopeName, tenThousandYuan } from './optim-format';

const TABLE_ROWS = 8;

/** Cost structure of the region in scope: storage, rotation and transport by month (chart) and by category (table). */
export function CostPanel({ region, planAt }: { region: string | null; planAt: string | null }) {
  const t = useT();
  const locale = useLocale();
  const { value: costs, error } = useHostQuery(planAt, () => getInrs().optimisation.costs({ region }));
  const option = useMemo(
    () =>
      costs &&
      costOption(costs, {
        month: (m) => monthLabel(t, locale, m, true),
        storage: t('optim.costs.storage'),
        rotation: t('optim.costs.rotation'),
        transport: t('optim.costs.transport'),
      }),
    [costs, t, locale],
  );
  const money = (v: number) => tenThousandYuan(locale, v);
  const [by, setBy] = useState<'category' | 'region'>('category');
  const rows = costs ? (by === 'category' ? costs.byCategory.map((c) => ({ key: c.category, ...c })) : costs.byRegion.map((r) => ({ key: r.region, ...r }))) : [];
  const title = t('optim.costs.title', { scope: scopeName(t, locale, region), months: costs?.months.length ?? 12 });
  return (
    <section className="panel optim-costs" data-testid="optim-costs">
      <h2 className="panel-title">{title}</h2>
      {error && (
        <p className="optim-error" role="alert" data-testid="costs-error">
          {t('optim.failed', { message: error.message })}
        </p>
      )}
      {!costs && !error && (
        <p className="panel-note optim-running" role="status">
          <span className="optim-spinner" aria-hidden="true" /> {t('optim.solving')}
        </p>
      )}
      {costs && option && (
        <>
          <div className="optim-chart">
            <EChart option={option} label={t('optim.costs.chart')} testId="cost-chart" />
          </div>
          <div className="table-scroll optim-cost-table">
            <table className="data-table compact" data-testid="cost-table">
              <thead>
                <tr>
                  <th scope="col">
                    <select data-testid="cost-by" aria-label={t('optim.costs.by')} value={by} onChange={(e) => setBy(e.target.value === 'region' ? 'region' : 'category')}>
                      <option value="category">{t('optim.costs.category')}</option>
                      <option value="region">{t('optim.costs.region')}</option>
                    </select>
                  </th>
                  <th scope="col" className="num">
                    {t('optim.costs.storage')}
                  </th>
                  <th scope="col" className="num">
                    {t('optim.costs.rotation')}
                  </th>
                  <th scope="col" className="num">
                    {t('optim.costs.transport')}
                  </th>
                  <th scope="col" className="num">
                    {t('optim.costs.total')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, TABLE_ROWS).map((c) => (
                  <tr key={c.key} data-key={c.key}>
                    <th scope="row">{nameOf(locale, c)}</th>
                    <td className="num">{money(c.storage)}</td>
                    <td className="num">{money(c.rotation)}</td>
                    <td className="num">{money(c.transport)}</td>
                    <td className="num">{money(c.storage + c.rotation + c.transport)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="panel-note optim-basis">
            {t('optim.costs.unit')} · {t('optim.costs.basis')}
            {costs.demo && ` · ${t('optim.demo')}`}
            {costs.uncosted.length > 0 && ` · ${t('optim.costs.uncosted', { categories: costs.uncosted.join('、') })}`}
          </p>
        </>
      )}
    </section>
  );
}
