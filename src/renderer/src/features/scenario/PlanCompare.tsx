import { regionName } from '../../emergency/region-name';
import { useDispatchStore } from '../../dispatch/dispatch-store';
import { useTimeFormat } from '../../format/time-zone-store';
import { useLocale, useT } from '../../i18n';
import { useWallStore } from '../../walls/wall-store';
import { tenThousandYuan, wholeNumber } from '../../walls/optimisation/optim-format';
import { bestPlan } from './plan-figures';
import { scenarioSelectors, useScenarioStore } from './scenario-store';
import { listText } from './list-text';
import { dispatchPrefillOf } from './to-dispatch';

/**
 * The plans side by side, one column each: their terms, the shortfall in person-days, road
 * hours, cost and the provinces left below floor; the least shortfall marked. A plan is shown on
 * the map, or turned into a dispatch recommendation: the dispatch flow opens with its scenario and
 * source provinces, and the officer decides there.
 */
export function PlanCompare() {
  const t = useT();
  const locale = useLocale();
  const time = useTimeFormat();
  const run = useScenarioStore(scenarioSelectors.result);
  const view = useScenarioStore(scenarioSelectors.view);
  const { showPlan } = useScenarioStore(scenarioSelectors.actions);
  if (!run) {
    return (
      <section className="panel scenario-compare" data-testid="plan-compare" data-state="empty">
        <h2 className="panel-title">{t('scenario.compare.title')}</h2>
        <p className="panel-note">{t('scenario.compare.none')}</p>
      </section>
    );
  }
  const best = bestPlan(run.result);
  const plans = run.scenario.plans.map((p) => ({ plan: p, result: run.result.plans.find((r) => r.id === p.id) }));
  const toDispatch = (planId: string) => {
    const prefill = dispatchPrefillOf(run, planId);
    if (!prefill) return;
    useWallStore.getState().actions.select('emergency-operations');
    void useDispatchStore.getState().actions.prefill(prefill);
  };
  const sources = (s: 'all' | string[]) => (s === 'all' ? t('scenario.plan.sourcesAll') : listText(locale, s.map((r) => regionName(locale, r))));
  return (
    <section className="panel scenario-compare" data-testid="plan-compare" data-state="done" data-best={best ?? ''}>
      <h2 className="panel-title">{t('scenario.compare.title')}</h2>
      <p className="panel-note">{t('scenario.compare.basis', { title: run.scenario.title ?? '', days: run.scenario.days, time: time(run.at) })}</p>
      <div className="scenario-table-wrap">
        <table className="data-table compact scenario-compare-table" data-testid="compare-table">
          <thead>
            <tr>
              <th scope="col" className="scenario-metric" />
              {plans.map(({ plan }) => (
                <th key={plan.id} scope="col" className={plan.id === view.plan ? 'num scenario-shown' : 'num'} data-plan={plan.id}>
                  <span className="scenario-plan-name" title={plan.id}>
                    {plan.id === best && <span className="scenario-best">★ </span>}
                    {plan.id}
                  </span>
                  <span className="scenario-actions">
                    <button type="button" className="dispatch-link" data-testid={`compare-show-${plan.id}`} aria-pressed={plan.id === view.plan} onClick={() => showPlan(plan.id)}>
                      {t('scenario.compare.show')}
                    </button>
                    <button type="button" className="dispatch-primary" data-testid={`compare-dispatch-${plan.id}`} onClick={() => toDispatch(plan.id)}>
                      {t('scenario.compare.toDispatch')}
                    </button>
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr data-row="shortfall">
              <th scope="row">{t('scenario.compare.shortfall')}</th>
              {plans.map(({ plan, result }) => (
                <td key={plan.id} className={result && result.summary.shortfallPersonDays > 0 ? 'num scenario-bad' : 'num'} data-value={result?.summary.shortfallPersonDays ?? ''}>
                  {result ? wholeNumber(locale, result.summary.shortfallPersonDays) : '—'}
                </td>
              ))}
            </tr>
            <tr data-row="hours">
              <th scope="row">{t('scenario.compare.hours')}</th>
              {plans.map(({ plan, result }) => (
                <td key={plan.id} className="num" data-value={result?.summary.transportHours ?? ''}>
                  {result ? wholeNumber(locale, result.summary.transportHours) : '—'}
                </td>
              ))}
            </tr>
            <tr data-row="cost">
              <th scope="row">{t('scenario.compare.cost')}</th>
              {plans.map(({ plan, result }) => (
                <td key={plan.id} className="num" data-value={result?.summary.cost ?? ''}>
                  {result ? tenThousandYuan(locale, result.summary.cost) : '—'}
                </td>
              ))}
            </tr>
            <tr data-row="below-floor">
              <th scope="row">{t('scenario.compare.belowFloor')}</th>
              {plans.map(({ plan, result }) => {
                const below = result?.summary.regionsBelowFloor ?? [];
                return (
                  <td key={plan.id} className={below.length > 0 ? 'num scenario-bad' : 'num'} data-value={below.length} title={listText(locale, below.map((r) => regionName(locale, r)))}>
                    {below.length === 0 ? t('scenario.compare.none0') : t('scenario.compare.regions', { count: below.length })}
                  </td>
                );
              })}
            </tr>
            <tr data-row="sources">
              <th scope="row">{t('scenario.compare.sources')}</th>
              {plans.map(({ plan }) => (
                <td key={plan.id} className="num" title={sources(plan.sourceRegions)}>
                  <span className="scenario-clamp">{sources(plan.sourceRegions)}</span>
                </td>
              ))}
            </tr>
            <tr data-row="terms">
              <th scope="row">{t('scenario.compare.terms')}</th>
              {plans.map(({ plan, result }) => (
                <td key={plan.id} className="num">
                  {plan.dailyTransportTonnes === null ? t('scenario.plan.noLimit') : t('scenario.compare.tonnes', { tonnes: wholeNumber(locale, plan.dailyTransportTonnes) })}
                  {' · '}
                  {plan.replenishLeadDays === null ? t('scenario.plan.noReplenish') : t('scenario.compare.lead', { days: plan.replenishLeadDays })}
                  {plan.belowFloor && ` · ${t('scenario.compare.belowFloorAllowed')}`}
                  {plan.civilianTransport &&
                    ` · ${t('scenario.compare.civilian', {
                      tonnes: wholeNumber(locale, result?.summary.civilianTransportTonnesPerDay ?? 0),
                      tonneKm: wholeNumber(locale, result?.summary.civilianTonneKm ?? 0),
                      cost: wholeNumber(locale, result?.summary.costBreakdown.civilianTransport ?? 0),
                    })}`}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
