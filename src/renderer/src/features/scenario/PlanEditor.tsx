import { PROVINCES } from '../../../../shared/domain/provinces';
import { regionName } from '../../emergency/region-name';
import { useLocale, useT } from '../../i18n';
import type { DraftProblem, PlanDraft } from './scenario-draft';
import { scenarioSelectors, useScenarioStore } from './scenario-store';

/** One response plan: which provinces may send, daily transport, replenishment, floors. */
export function PlanEditor({ plan, index, problems, affected, removable }: { plan: PlanDraft; index: number; problems: DraftProblem[]; affected: string[]; removable: boolean }) {
  const t = useT();
  const locale = useLocale();
  const { editPlan, removePlan } = useScenarioStore(scenarioSelectors.actions);
  const bad = (field: DraftProblem['field']) => problems.some((p) => p.field === field && 'plan' in p && p.plan === index);
  const sources = plan.sources;
  const mode = sources === 'all' ? 'all' : 'list';
  const addable = sources === 'all' ? [] : PROVINCES.filter((p) => !sources.includes(p.adcode));
  return (
    <fieldset className="scenario-plan" data-testid={`plan-${index}`} data-plan={plan.id}>
      <legend className="scenario-plan-head">
        <input
          className={bad('plan-id') ? 'scenario-input invalid' : 'scenario-input'}
          aria-label={t('scenario.plan.id')}
          data-testid={`plan-${index}-id`}
          value={plan.id}
          onChange={(e) => editPlan(index, { id: e.target.value })}
        />
        {removable && (
          <button type="button" className="dispatch-link" data-testid={`plan-${index}-remove`} onClick={() => removePlan(index)}>
            {t('scenario.plan.remove')}
          </button>
        )}
      </legend>
      <label className="scenario-field">
        <span>{t('scenario.plan.sources')}</span>
        <select
          data-testid={`plan-${index}-mode`}
          value={mode}
          onChange={(e) => editPlan(index, { sources: e.target.value === 'all' ? 'all' : [...affected] })}
        >
          <option value="all">{t('scenario.plan.sourcesAll')}</option>
          <option value="list">{t('scenario.plan.sourcesList')}</option>
        </select>
      </label>
      {sources !== 'all' && (
        <div className={bad('plan-sources') ? 'scenario-chips invalid' : 'scenario-chips'} data-testid={`plan-${index}-sources`}>
          {sources.map((r) => (
            <button key={r} type="button" className="scenario-chip" title={t('scenario.plan.removeSource')} onClick={() => editPlan(index, { sources: sources.filter((x) => x !== r) })}>
              {regionName(locale, r)} ×
            </button>
          ))}
          <select
            aria-label={t('scenario.plan.addSource')}
            data-testid={`plan-${index}-add-source`}
            value=""
            onChange={(e) => {
              if (e.target.value) editPlan(index, { sources: [...sources, e.target.value] });
            }}
          >
            <option value="">{t('scenario.plan.addSource')}</option>
            {addable.map((p) => (
              <option key={p.adcode} value={p.adcode}>
                {regionName(locale, p.adcode)}
              </option>
            ))}
          </select>
        </div>
      )}
      <label className="scenario-field">
        <span>{t('scenario.plan.transport')}</span>
        <input
          className={bad('plan-transport') ? 'scenario-input invalid' : 'scenario-input'}
          inputMode="decimal"
          placeholder={t('scenario.plan.noLimit')}
          data-testid={`plan-${index}-transport`}
          value={plan.transport}
          onChange={(e) => editPlan(index, { transport: e.target.value })}
        />
      </label>
      <label className="scenario-field">
        <span>{t('scenario.plan.lead')}</span>
        <input
          className={bad('plan-lead') ? 'scenario-input invalid' : 'scenario-input'}
          inputMode="numeric"
          placeholder={t('scenario.plan.noReplenish')}
          data-testid={`plan-${index}-lead`}
          value={plan.lead}
          onChange={(e) => editPlan(index, { lead: e.target.value })}
        />
      </label>
      <label className="scenario-check">
        <input type="checkbox" data-testid={`plan-${index}-below-floor`} checked={plan.belowFloor} onChange={(e) => editPlan(index, { belowFloor: e.target.checked })} />
        {t('scenario.plan.belowFloor')}
      </label>
      <label className="scenario-check" title={t('scenario.plan.civilianHint')}>
        <input type="checkbox" data-testid={`plan-${index}-civilian`} checked={plan.civilian} onChange={(e) => editPlan(index, { civilian: e.target.checked })} />
        {t('scenario.plan.civilian')}
      </label>
    </fieldset>
  );
}
