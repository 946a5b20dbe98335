import { formatNumber } from '../format/numbers';
import { useLocale, useT } from '../i18n';
import { regionName } from '../emergency/region-name';
import { dispatchSelectors, useDispatchStore } from './dispatch-store';
import { lineProblems } from './plan-edits';

/** The plan line by line: source depot, destination, category, quantity (editable), travel hours; rows can be removed. */
export function PlanTable() {
  const t = useT();
  const locale = useLocale();
  const lines = useDispatchStore(dispatchSelectors.lines);
  const { edit } = useDispatchStore(dispatchSelectors.actions);
  const problems = lineProblems(lines);
  const zh = locale === 'zh-CN';
  return (
    <div className="table-scroll dispatch-plan-table">
      <table className="data-table compact" data-testid="dispatch-plan-table" data-count={lines.filter((l) => !l.removed).length}>
        <thead>
          <tr>
            <th scope="col">{t('dispatch.plan.col.from')}</th>
            <th scope="col">{t('dispatch.plan.col.to')}</th>
            <th scope="col">{t('dispatch.plan.col.category')}</th>
            <th scope="col" className="num">
              {t('dispatch.plan.col.quantity')}
            </th>
            <th scope="col" className="num">
              {t('dispatch.plan.col.available')}
            </th>
            <th scope="col" className="num">
              {t('dispatch.plan.col.hours')}
            </th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => {
            const f = l.flow;
            const problem = problems.get(l.key);
            return (
              <tr key={l.key} data-line={l.key} data-removed={l.removed} className={l.removed ? 'dispatch-removed' : problem ? 'dispatch-bad' : undefined}>
                <th scope="row">
                  {zh ? f.fromName : f.fromNameEn}
                  {f.civilian && (
                    <span className="dispatch-civilian" title={t('registry.dispatch.civilianHint')}>
                      {t('registry.dispatch.civilian')}
                    </span>
                  )}
                  <span className="cell-sub"> {regionName(locale, f.fromRegion)}</span>
                </th>
                <td>{zh ? f.toName : f.toNameEn}</td>
                <td>{zh ? f.categoryName : f.categoryNameEn}</td>
                <td className="num">
                  <input
                    className="dispatch-number"
                    inputMode="numeric"
                    disabled={l.removed}
                    aria-invalid={problem ? true : undefined}
                    aria-label={t('dispatch.plan.quantityOf', { depot: zh ? f.fromName : f.fromNameEn, category: zh ? f.categoryName : f.categoryNameEn })}
                    data-testid="dispatch-quantity"
                    value={l.text}
                    onChange={(e) => edit({ type: 'set', key: l.key, text: e.target.value })}
                  />{' '}
                  <span className="cell-sub">{zh ? f.unit : f.unitEn}</span>
                  {problem && <span className="dispatch-problem">{t(`dispatch.plan.problem.${problem}`)}</span>}
                </td>
                <td className="num">{formatNumber(locale, f.available)}</td>
                <td className="num">{formatNumber(locale, f.hours)}</td>
                <td>
                  <button
                    type="button"
                    className="dispatch-link"
                    data-testid={l.removed ? 'dispatch-restore' : 'dispatch-remove'}
                    onClick={() => edit({ type: l.removed ? 'restore' : 'remove', key: l.key })}
                  >
                    {l.removed ? t('dispatch.plan.restore') : t('dispatch.plan.remove')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
