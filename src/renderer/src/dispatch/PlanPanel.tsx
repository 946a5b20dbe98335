import { formatNumber } from '../format/numbers';
import { useLocale, useT } from '../i18n';
import { dispatchSelectors, useDispatchStore } from './dispatch-store';
import { Explanation } from './Explanation';
import { IssueBar } from './IssueBar';
import { PlanTable } from './PlanTable';
import './dispatch.css';

/** The recommended plan, open until closed: lines to edit, the reasons, the map's category, and the issue. */
export function PlanPanel() {
  const t = useT();
  const locale = useLocale();
  const rec = useDispatchStore(dispatchSelectors.recommendation);
  const mapCategory = useDispatchStore(dispatchSelectors.mapCategory);
  const { close, setMapCategory } = useDispatchStore(dispatchSelectors.actions);
  if (!rec) {
    return (
      <section className="panel dispatch-panel" data-testid="dispatch-plan" data-open="false">
        <h2 className="panel-title">{t('dispatch.plan.title')}</h2>
        <p className="panel-empty">{t('dispatch.plan.empty')}</p>
      </section>
    );
  }
  const zh = locale === 'zh-CN';
  const categories = rec.explanation.demandByCategory.filter((b) => rec.plan.flows.some((f) => f.category === b.category));
  const areas = rec.areas.map((a) => (zh ? a.nameZh : a.nameEn)).join('、');
  const defaultLabel = `${areas} · ${rec.scenario.durationDays}${zh ? '天' : ' d'}`;
  const summary = t('dispatch.plan.summary', {
    areas,
    depots: formatNumber(locale, rec.size.depots),
    categories: rec.size.categories,
    millis: Math.round(rec.solveMillis),
  });
  return (
    <section className="panel dispatch-panel dispatch-plan-panel" data-testid="dispatch-plan" data-open="true">
      <div className="dispatch-head">
        <h2 className="panel-title">{t('dispatch.plan.title')}</h2>
        <span className="panel-note" data-testid="dispatch-summary" title={summary}>
          {summary}
        </span>
        <label className="dispatch-map-category">
          {t('dispatch.plan.mapCategory')}{' '}
          <select data-testid="dispatch-map-category" value={mapCategory ?? ''} onChange={(e) => setMapCategory(e.target.value)}>
            {categories.map((c) => (
              <option key={c.category} value={c.category}>
                {zh ? c.categoryName : c.categoryNameEn}
              </option>
            ))}
          </select>
        </label>
        <button type="button" data-testid="dispatch-close" onClick={close}>
          {t('dispatch.plan.close')}
        </button>
      </div>
      <div className="dispatch-body">
        {rec.plan.flows.length === 0 ? <p className="panel-empty">{t('dispatch.plan.noFlows')}</p> : <PlanTable />}
        <Explanation rec={rec} />
      </div>
      <IssueBar key={defaultLabel} defaultLabel={defaultLabel} />
    </section>
  );
}
