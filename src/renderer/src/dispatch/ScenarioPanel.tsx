import { useEffect, type FormEvent } from 'react';
import { PROVINCES } from '../../../shared/domain/provinces';
import { emergencySelectors, useEmergencyStore } from '../emergency/emergency-store';
import { regionName } from '../emergency/region-name';
import { useLocale, useT } from '../i18n';
import { dispatchSelectors, scenarioOf, useDispatchStore } from './dispatch-store';
import { RunProgress } from './RunProgress';
import { listText } from '../features/scenario/list-text';
import './dispatch.css';

const PROVINCE_CODES = new Set(PROVINCES.map((p) => p.adcode));

/**
 * The "what if" of a dispatch: affected regions (the regions in emergency until the officer
 * chooses), people to supply in each, days, cold season, and optionally the lorries (the state
 * fleet's tonnes a day, delivery days, civilian transport); "recommend" runs the optimiser.
 */
export function ScenarioPanel() {
  const t = useT();
  const locale = useLocale();
  const form = useDispatchStore(dispatchSelectors.form);
  const run = useDispatchStore(dispatchSelectors.run);
  const { setRegions, setPeople, setDays, setColdSeason, setTransport, clearSources, recommend } = useDispatchStore(dispatchSelectors.actions);
  const levels = useEmergencyStore(emergencySelectors.levels);

  // Provinces in emergency are the default scenario until the officer picks regions.
  const inEmergency = levels.map((l) => l.region).filter((r) => PROVINCE_CODES.has(r)).join(',');
  useEffect(() => {
    if (!form.touched) setRegions(inEmergency ? inEmergency.split(',') : [], false);
  }, [inEmergency, form.touched, setRegions]);

  const scenario = scenarioOf(form);
  const running = run.status === 'running';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void recommend();
  };
  const addable = PROVINCES.filter((p) => !form.regions.includes(p.adcode));

  return (
    <section className="panel dispatch-panel" data-testid="dispatch-scenario">
      <h2 className="panel-title">{t('dispatch.scenario.title')}</h2>
      <form className="dispatch-form" onSubmit={submit}>
        <label htmlFor="dispatch-add-region">{t('dispatch.scenario.addRegion')}</label>
        <select
          id="dispatch-add-region"
          data-testid="dispatch-add-region"
          value=""
          onChange={(e) => {
            if (e.target.value) setRegions([...form.regions, e.target.value]);
          }}
        >
          <option value="">{t('dispatch.scenario.choose')}</option>
          {addable.map((p) => (
            <option key={p.adcode} value={p.adcode}>
              {regionName(locale, p.adcode)}
            </option>
          ))}
        </select>
        {form.regions.length === 0 ? (
          <p className="panel-note dispatch-wide">{t('dispatch.scenario.noRegion')}</p>
        ) : (
          <table className="data-table compact dispatch-wide" data-testid="dispatch-regions">
            <thead>
              <tr>
                <th scope="col">{t('dispatch.scenario.region')}</th>
                <th scope="col" className="num">
                  {t('dispatch.scenario.people')}
                </th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {form.regions.map((r) => (
                <tr key={r} data-region={r}>
                  <th scope="row">{regionName(locale, r)}</th>
                  <td className="num">
                    <input
                      className="dispatch-number"
                      inputMode="numeric"
                      aria-label={t('dispatch.scenario.peopleOf', { region: regionName(locale, r) })}
                      data-testid={`dispatch-people-${r}`}
                      value={form.people[r] ?? ''}
                      onChange={(e) => setPeople(r, e.target.value)}
                    />
                  </td>
                  <td>
                    <button type="button" className="dispatch-link" onClick={() => setRegions(form.regions.filter((x) => x !== r))} data-testid={`dispatch-remove-region-${r}`}>
                      {t('dispatch.scenario.removeRegion')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <label htmlFor="dispatch-days">{t('dispatch.scenario.days')}</label>
        <input id="dispatch-days" className="dispatch-number" inputMode="numeric" data-testid="dispatch-days" value={form.days} onChange={(e) => setDays(e.target.value)} />
        <label className="dispatch-wide dispatch-check">
          <input type="checkbox" data-testid="dispatch-cold" checked={form.coldSeason} onChange={(e) => setColdSeason(e.target.checked)} />
          {t('dispatch.scenario.cold')}
        </label>
        <label htmlFor="dispatch-transport">{t('dispatch.scenario.transport')}</label>
        <input
          id="dispatch-transport"
          className="dispatch-number"
          inputMode="decimal"
          placeholder={t('dispatch.scenario.transportHint')}
          title={t('dispatch.scenario.transportHint')}
          data-testid="dispatch-transport"
          value={form.transport.tonnesPerDay}
          onChange={(e) => setTransport({ tonnesPerDay: e.target.value })}
        />
        {form.transport.tonnesPerDay.trim() !== '' && (
          <>
            <label htmlFor="dispatch-transport-days">{t('dispatch.scenario.transportDays')}</label>
            <input
              id="dispatch-transport-days"
              className="dispatch-number"
              inputMode="numeric"
              data-testid="dispatch-transport-days"
              value={form.transport.days}
              onChange={(e) => setTransport({ days: e.target.value })}
            />
            <label className="dispatch-wide dispatch-check">
              <input type="checkbox" data-testid="dispatch-civilian-transport" checked={form.transport.civilian} onChange={(e) => setTransport({ civilian: e.target.checked })} />
              {t('dispatch.scenario.civilianTransport')}
            </label>
          </>
        )}
        {form.sources && (
          <p className="panel-note dispatch-wide" data-testid="dispatch-sources" data-regions={form.sources.regions.join(',')}>
            {form.sources.plan
              ? t('dispatch.scenario.sources', { plan: form.sources.plan, regions: listText(locale, form.sources.regions.map((r) => regionName(locale, r))) })
              : t('dispatch.scenario.sourcesOnly', { regions: listText(locale, form.sources.regions.map((r) => regionName(locale, r))) })}{' '}
            <button type="button" className="dispatch-link" onClick={clearSources}>
              {t('dispatch.scenario.clearSources')}
            </button>
          </p>
        )}
        {!scenario && form.regions.length > 0 && <p className="panel-note dispatch-wide dispatch-invalid">{t('dispatch.scenario.invalid')}</p>}
        <button type="submit" className="dispatch-wide dispatch-primary" data-testid="dispatch-recommend" disabled={!scenario || running}>
          {running ? t('dispatch.scenario.running') : t('dispatch.scenario.recommend')}
        </button>
      </form>
      {run.status === 'running' && <RunProgress progress={run.progress} />}
      {run.status === 'failed' && (
        <p className="dispatch-error" role="alert" data-testid="dispatch-run-error">
          {t('dispatch.scenario.failed')}: {run.error.message}
        </p>
      )}
    </section>
  );
}
