import { useEffect, useMemo } from 'react';
import { formatPercent } from '../../format/numbers';
import { useTimeFormat } from '../../format/time-zone-store';
import { useLocale, useT } from '../../i18n';
import { MapView } from '../../map/MapView';
import { depotSelectors, useDepotStore } from '../../stores/depot-store';
import { situationSelectors, useSituationStore } from '../../stores/situation-store';
import { RunStatus } from './RunStatus';
import { scopeName, wholeNumber } from './optim-format';
import { optimisationSelectors, useOptimisationStore } from './optimisation-store';
import { fateOf, SITE_COLOURS, siteOverlay, type SiteFate } from './site-layers';

const NO_FILTER = { classes: [], categories: [], regions: [], riskBands: [] };
const css = ([r, g, b]: readonly number[]) => `rgb(${r}, ${g}, ${b})`;

/**
 * Layout before/after: the layout optimiser on the reduced problem of the region in scope, the
 * sites kept, opened and closed on the map, and the share of people within 4/8/12 road hours of
 * a site and the cost, today against the proposal.
 */
export function LayoutPanel({ region, ready }: { region: string | null; ready: boolean }) {
  const t = useT();
  const locale = useLocale();
  const time = useTimeFormat();
  const full = useSituationStore(situationSelectors.situation);
  // The provinces' risk colours under the sites; depots, transfers and alerts are the other walls'.
  const situation = useMemo(() => (full ? { ...full, depots: [], transfers: [], alerts: [] } : null), [full]);
  const { open } = useDepotStore(depotSelectors.actions);
  const run = useOptimisationStore(optimisationSelectors.layout);
  const maxOpen = useOptimisationStore(optimisationSelectors.maxOpen);
  const { planLayout, setMaxOpen } = useOptimisationStore(optimisationSelectors.actions);

  // Max sites applies when the officer computes again, not on each keystroke (the store reads it then).
  useEffect(() => {
    if (ready) void planLayout(region);
  }, [region, ready, planLayout]);

  const view = run.status === 'done' ? run.value : null;
  const overlay = useMemo(() => siteOverlay(view, locale, run.status === 'done' ? run.key : ''), [view, locale, run]);
  const fates = useMemo(() => {
    const n: Record<SiteFate, number> = { keep: 0, open: 0, close: 0 };
    if (view?.status === 'optimal') for (const s of view.sites) {
      const f = fateOf(s);
      if (f) n[f]++;
    }
    return n;
  }, [view]);
  const pct = (v: number) => formatPercent(locale, v);
  const delta = (v: number, digits = 1) => `${v > 0 ? '+' : ''}${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v)}`;

  return (
    <section className="panel optim-layout" data-testid="optim-layout" data-status={run.status === 'done' ? (view?.status ?? 'done') : run.status}>
      <h2 className="panel-title">{t('optim.layout.title', { scope: scopeName(t, locale, region) })}</h2>
      <div className="optim-layout-controls">
        <label>
          {t('optim.layout.maxOpen')}{' '}
          <input data-testid="layout-max-open" inputMode="numeric" size={4} placeholder={t('optim.layout.maxOpenDefault')} value={maxOpen} onChange={(e) => setMaxOpen(e.target.value)} />
        </label>
        <button type="button" className="dispatch-primary" data-testid="layout-run" disabled={!ready || run.status === 'running'} onClick={() => void planLayout(region, true)}>
          {t('optim.layout.run')}
        </button>
        <RunStatus running={run.status === 'running'} progress={run.status === 'running' ? run.progress : null} error={run.status === 'failed' ? run.error : null} onRetry={() => void planLayout(region, true)} testId="layout" />
      </div>
      <div className="optim-map">
        {situation && (
          <MapView situation={situation} filter={NO_FILTER} {...(region ? { focusRegion: region } : {})} onSelectProvince={() => {}} onSelectDepot={(code) => void open(code)} {...(overlay ? { overlay } : {})} />
        )}
        <ul className="optim-legend" aria-label={t('optim.layout.title', { scope: '' })}>
          {(['keep', 'open', 'close'] as const).map((f) => (
            <li key={f}>
              <span className={`optim-dot optim-dot-${f}`} style={{ background: f === 'close' ? 'transparent' : css(SITE_COLOURS[f]), borderColor: css(SITE_COLOURS[f]) }} aria-hidden="true" />
              {t(`optim.layout.legend.${f}`)}
            </li>
          ))}
        </ul>
      </div>
      {view?.status === 'infeasible' && (
        <p className="optim-error" role="alert" data-testid="layout-infeasible">
          {t('optim.layout.infeasible', { reason: view.reason })}
        </p>
      )}
      {view?.status === 'optimal' && (
        <>
          <table className="data-table compact" data-testid="layout-table">
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col" className="num">
                  {t('optim.layout.before')}
                </th>
                <th scope="col" className="num">
                  {t('optim.layout.after')}
                </th>
                <th scope="col" className="num">
                  {t('optim.layout.change')}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.coverage.map((c) => (
                <tr key={c.hours} data-hours={c.hours}>
                  <th scope="row">{t('optim.layout.hours', { hours: c.hours })}</th>
                  <td className="num">{pct(c.before)}</td>
                  <td className="num">{pct(c.after)}</td>
                  <td className="num">{delta((c.after - c.before) * 100)} pt</td>
                </tr>
              ))}
              <tr data-row="cost">
                <th scope="row">{t('optim.layout.cost')}</th>
                <td className="num">{wholeNumber(locale, view.cost.before)}</td>
                <td className="num">{wholeNumber(locale, view.cost.after)}</td>
                <td className="num">{view.cost.before > 0 ? `${delta(((view.cost.after - view.cost.before) / view.cost.before) * 100)} %` : '—'}</td>
              </tr>
            </tbody>
          </table>
          <p className="panel-note" data-testid="layout-sites" data-keep={fates.keep} data-open={fates.open} data-close={fates.close}>
            {t('optim.layout.sites', fates)} · {run.status === 'done' && t('optim.computedAt', { time: time(run.at) })}
          </p>
          <p className="panel-note optim-basis">
            {t('optim.layout.reduced', { current: view.size.current, added: view.size.candidates - view.size.current, demands: view.size.demands, maxOpen: view.size.maxOpen })}
          </p>
        </>
      )}
    </section>
  );
}
