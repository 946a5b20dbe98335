import { useMemo } from 'react';
import { EChart } from '../../charts/EChart';
import { useLocale, useT } from '../../i18n';
import { wholeNumber } from '../../walls/optimisation/optim-format';
import { dayOption } from './day-chart';
import { dayFigures } from './plan-figures';
import { scenarioSelectors, useScenarioStore } from './scenario-store';

/**
 * The plan on the map, day by day: need, delivered and shortfall in person-days (every category
 * weighed by the need one unit meets), as a chart and a table; a click on a row shows that day.
 */
export function DayPanel() {
  const t = useT();
  const locale = useLocale();
  const run = useScenarioStore(scenarioSelectors.result);
  const view = useScenarioStore(scenarioSelectors.view);
  const { showDay } = useScenarioStore(scenarioSelectors.actions);
  const plan = run?.result.plans.find((p) => p.id === view.plan) ?? null;
  const days = useMemo(() => (run && plan ? dayFigures(run.result, plan) : []), [run, plan]);
  const option = useMemo(
    () =>
      dayOption(days, view.day, {
        day: (d) => t('scenario.day.short', { day: d + 1 }),
        delivered: t('scenario.day.delivered'),
        shortfall: t('scenario.day.shortfall'),
        demand: t('scenario.day.demand'),
      }),
    [days, view.day, t],
  );
  if (!run || !plan) {
    return (
      <section className="panel scenario-days" data-testid="day-panel" data-state="empty">
        <h2 className="panel-title">{t('scenario.day.title', { plan: '' })}</h2>
        <p className="panel-note">{t('scenario.compare.none')}</p>
      </section>
    );
  }
  return (
    <section className="panel scenario-days" data-testid="day-panel" data-state="done" data-plan={plan.id}>
      <h2 className="panel-title">{t('scenario.day.title', { plan: plan.id })}</h2>
      <p className="panel-note">{t('scenario.day.note', { unit: t('scenario.day.unit') })}</p>
      <div className="scenario-chart">
        <EChart option={option} label={`${t('scenario.day.title', { plan: plan.id })} (${t('scenario.day.unit')})`} testId="day-chart" />
      </div>
      <div className="scenario-table-wrap">
        <table className="data-table compact" data-testid="day-table">
          <thead>
            <tr>
              <th scope="col">{t('scenario.day.day')}</th>
              <th scope="col" className="num">
                {t('scenario.day.demand')}
              </th>
              <th scope="col" className="num">
                {t('scenario.day.delivered')}
              </th>
              <th scope="col" className="num">
                {t('scenario.day.shortfall')}
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day} data-day={d.day} className={d.day === view.day ? 'scenario-shown' : undefined} onClick={() => showDay(d.day)}>
                <th scope="row">{t('scenario.day.short', { day: d.day + 1 })}</th>
                <td className="num">{wholeNumber(locale, d.demand)}</td>
                <td className="num">{wholeNumber(locale, d.delivered)}</td>
                <td className={d.shortfall > 0.5 ? 'num scenario-bad' : 'num'}>{wholeNumber(locale, d.shortfall)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
