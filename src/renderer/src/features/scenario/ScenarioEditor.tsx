import { useMemo, type FormEvent } from 'react';
import { PROVINCES } from '../../../../shared/domain/provinces';
import { regionName } from '../../emergency/region-name';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { PlanEditor } from './PlanEditor';
import { ScenarioProgressBar } from './ScenarioProgressBar';
import { scenarioOfDraft, type DraftProblem } from './scenario-draft';
import { scenarioSelectors, useScenarioStore } from './scenario-store';

const problemKey = (p: DraftProblem): MessageKey => `scenario.problem.${p.rule}`;

/**
 * The scenario an officer runs: pre-filled from the hazard (or started by hand), every figure
 * editable; two or more response plans to compare; run in the host's simulation worker with its
 * progress and a cancel.
 */
export function ScenarioEditor() {
  const t = useT();
  const locale = useLocale();
  const draft = useScenarioStore(scenarioSelectors.draft);
  const run = useScenarioStore(scenarioSelectors.run);
  const { editDraft, editAffected, addAffected, removeAffected, addPlan, run: start, cancel, startBlank } = useScenarioStore(scenarioSelectors.actions);
  const check = useMemo(() => (draft ? scenarioOfDraft(draft) : null), [draft]);
  const problems = check && !check.ok ? check.problems : [];
  const running = run.status === 'running';

  if (!draft) {
    return (
      <section className="panel scenario-editor" data-testid="scenario-editor" data-state="empty">
        <h2 className="panel-title">{t('scenario.title')}</h2>
        <p className="panel-note">{t('scenario.empty')}</p>
        <label className="scenario-field">
          <span>{t('scenario.blank')}</span>
          <select data-testid="scenario-blank" value="" onChange={(e) => e.target.value && startBlank(e.target.value)}>
            <option value="">{t('scenario.addRegion')}</option>
            {PROVINCES.map((p) => (
              <option key={p.adcode} value={p.adcode}>
                {regionName(locale, p.adcode)}
              </option>
            ))}
          </select>
        </label>
      </section>
    );
  }

  const bad = (field: DraftProblem['field'], region?: string) => problems.some((p) => p.field === field && (region === undefined || ('region' in p && p.region === region)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (check?.ok) void start(check.scenario);
  };
  const affectedCodes = draft.affected.map((a) => a.region);
  const addable = PROVINCES.filter((p) => !affectedCodes.includes(p.adcode));
  const messages = [...new Set(problems.map(problemKey))];

  return (
    <section className="panel scenario-editor" data-testid="scenario-editor" data-state={check?.ok ? 'ready' : 'invalid'}>
      <h2 className="panel-title">{t('scenario.title')}</h2>
      <form className="scenario-form" onSubmit={submit}>
        <div className="scenario-row">
          <label className="scenario-field scenario-grow">
            <span>{t('scenario.name')}</span>
            <input className="scenario-input" data-testid="scenario-name" value={draft.title} onChange={(e) => editDraft({ title: e.target.value })} />
          </label>
          <label className="scenario-field">
            <span>{t('scenario.days')}</span>
            <input className={bad('days') ? 'scenario-input short invalid' : 'scenario-input short'} inputMode="numeric" data-testid="scenario-days" value={draft.days} onChange={(e) => editDraft({ days: e.target.value })} />
          </label>
          <label className="scenario-check">
            <input type="checkbox" data-testid="scenario-cold" checked={draft.coldSeason} onChange={(e) => editDraft({ coldSeason: e.target.checked })} />
            {t('scenario.cold')}
          </label>
        </div>
        <table className="data-table compact scenario-affected" data-testid="scenario-affected">
          <thead>
            <tr>
              <th scope="col">{t('scenario.col.region')}</th>
              <th scope="col" className="num">
                {t('scenario.col.people')}
              </th>
              <th scope="col" className="num">
                {t('scenario.col.onset')}
              </th>
              <th scope="col" className="num">
                {t('scenario.col.duration')}
              </th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {draft.affected.map((a) => (
              <tr key={a.region} data-region={a.region}>
                <th scope="row">{regionName(locale, a.region)}</th>
                <td className="num">
                  <input
                    className={bad('population', a.region) ? 'scenario-input invalid' : 'scenario-input'}
                    inputMode="numeric"
                    aria-label={t('scenario.peopleOf', { region: regionName(locale, a.region) })}
                    data-testid={`affected-${a.region}-people`}
                    value={a.population}
                    onChange={(e) => editAffected(a.region, { population: e.target.value })}
                  />
                </td>
                <td className="num">
                  <input
                    className={bad('onset', a.region) ? 'scenario-input short invalid' : 'scenario-input short'}
                    inputMode="numeric"
                    aria-label={t('scenario.onsetOf', { region: regionName(locale, a.region) })}
                    data-testid={`affected-${a.region}-onset`}
                    value={a.onset}
                    onChange={(e) => editAffected(a.region, { onset: e.target.value })}
                  />
                </td>
                <td className="num">
                  <input
                    className={bad('duration', a.region) ? 'scenario-input short invalid' : 'scenario-input short'}
                    inputMode="numeric"
                    aria-label={t('scenario.durationOf', { region: regionName(locale, a.region) })}
                    data-testid={`affected-${a.region}-duration`}
                    value={a.duration}
                    onChange={(e) => editAffected(a.region, { duration: e.target.value })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="dispatch-link"
                    title={t('scenario.removeOf', { region: regionName(locale, a.region) })}
                    aria-label={t('scenario.removeOf', { region: regionName(locale, a.region) })}
                    data-testid={`affected-${a.region}-remove`}
                    onClick={() => removeAffected(a.region)}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <select aria-label={t('scenario.addRegion')} data-testid="scenario-add-region" value="" onChange={(e) => e.target.value && addAffected(e.target.value)}>
          <option value="">{t('scenario.addRegion')}</option>
          {addable.map((p) => (
            <option key={p.adcode} value={p.adcode}>
              {regionName(locale, p.adcode)}
            </option>
          ))}
        </select>
        <h3 className="scenario-subtitle">{t('scenario.plans')}</h3>
        <div className="scenario-plans">
          {draft.plans.map((p, i) => (
            <PlanEditor key={i} plan={p} index={i} problems={problems} affected={affectedCodes} removable={draft.plans.length > 1} />
          ))}
        </div>
        <button type="button" className="dispatch-link" data-testid="scenario-add-plan" onClick={addPlan}>
          {t('scenario.addPlan')}
        </button>
        {messages.length > 0 && (
          <ul className="scenario-problems" data-testid="scenario-problems">
            {messages.map((k) => (
              <li key={k}>{t(k)}</li>
            ))}
          </ul>
        )}
        {/* Stays in view at the foot of the column, however long the plans grow. */}
        <div className="scenario-runbar">
          <div className="scenario-row">
            <button type="submit" className="dispatch-primary" data-testid="scenario-run" disabled={!check?.ok || running}>
              {running ? t('scenario.running') : t('scenario.run', { plans: draft.plans.length })}
            </button>
            {running && (
              <button type="button" data-testid="scenario-cancel" disabled={run.cancelling} onClick={() => void cancel()}>
                {run.cancelling ? t('scenario.cancelling') : t('scenario.cancel')}
              </button>
            )}
          </div>
          {running && <ScenarioProgressBar progress={run.progress} />}
        </div>
      </form>
      {run.status === 'failed' && (
        <p className="scenario-error" role="alert" data-testid="scenario-run-error">
          {t('scenario.failed', { message: run.error.message })}
        </p>
      )}
    </section>
  );
}
