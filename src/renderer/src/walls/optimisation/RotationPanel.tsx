import { useEffect, useMemo } from 'react';
import { useLocale, useT } from '../../i18n';
import { nameOf } from '../../format/labels';
import { useTimeFormat } from '../../format/time-zone-store';
import { RotationIssue } from './RotationIssue';
import { RunStatus } from './RunStatus';
import { ScopePicker } from './ScopePicker';
import { monthLabel, scopeName, tenThousandYuan, wholeNumber } from './optim-format';
import { optimisationSelectors, useOptimisationStore } from './optimisation-store';
import { calendarOf, cellKey } from './rotation-selection';

/** Depots the national calendar shows: the ones rotating most. */
const TOP_DEPOTS = 12;

/**
 * The rotation calendar of the region in scope: depots × the plan's months, each cell the
 * quantity rotated (per category and the floor kept on hover), a click selects the cell's lots
 * to issue; the lots that cannot be planned listed with the planner's reason.
 */
export function RotationPanel({ region, ready }: { region: string | null; ready: boolean }) {
  const t = useT();
  const locale = useLocale();
  const time = useTimeFormat();
  const run = useOptimisationStore(optimisationSelectors.rotation);
  const selected = useOptimisationStore(optimisationSelectors.selected);
  const { planRotation, toggle } = useOptimisationStore(optimisationSelectors.actions);

  useEffect(() => {
    if (ready) void planRotation(region);
  }, [region, ready, planRotation]);

  const view = run.status === 'done' ? run.value : null;
  const calendar = useMemo(() => (view ? calendarOf(view, region ? 200 : TOP_DEPOTS) : null), [view, region]);
  const depotName = useMemo(() => new Map((view?.depots ?? []).map((d) => [d.code, nameOf(locale, d)])), [view, locale]);
  const category = useMemo(() => new Map((view?.categories ?? []).map((c) => [c.code, c])), [view]);
  const fmt = (v: number) => wholeNumber(locale, v);

  return (
    <section className="panel optim-rotation" data-testid="optim-rotation" data-status={run.status}>
      <div className="optim-title-row">
        <h2 className="panel-title">{t('optim.rotation.title', { scope: scopeName(t, locale, region) })}</h2>
        <ScopePicker region={region} />
        <button type="button" data-testid="rotation-replan" disabled={!ready || run.status === 'running'} onClick={() => void planRotation(region, true)}>
          {t('optim.rotation.replan')}
        </button>
      </div>
      <RunStatus
        running={run.status === 'running'}
        progress={run.status === 'running' ? run.progress : null}
        error={run.status === 'failed' ? run.error : null}
        onRetry={() => void planRotation(region, true)}
        testId="rotation"
      />
      {view && calendar && (
        <>
          {(() => {
            const summary = [
              t('optim.rotation.summary', {
                rotations: view.rotations.length,
                cost: tenThousandYuan(locale, view.cost),
                unplanned: view.unplanned.length,
                models: view.model.models,
                millis: view.solveMillis,
              }),
              run.status === 'done' ? t('optim.computedAt', { time: time(run.at) }) : '',
              calendar.totalDepots > calendar.depots.length ? t('optim.rotation.top', { shown: calendar.depots.length, total: calendar.totalDepots }) : '',
            ]
              .filter(Boolean)
              .join(' · ');
            return (
              <p className="panel-note optim-one-line" data-testid="rotation-summary" title={summary}>
                {summary}
              </p>
            );
          })()}
          {view.rotations.length === 0 ? (
            <p className="panel-empty">{t('optim.rotation.none')}</p>
          ) : (
            <div className="table-scroll optim-calendar-scroll">
              <table className="data-table compact optim-calendar" data-testid="rotation-calendar" data-depots={calendar.depots.length} data-rotations={view.rotations.length}>
                <thead>
                  <tr>
                    <th scope="col" className="optim-depot-col">
                      {t('optim.rotation.depot')}
                    </th>
                    {calendar.months.map((m) => {
                      const keys = calendar.depots.flatMap((d) => calendar.cells.get(cellKey(d, m))?.keys ?? []);
                      const all = keys.length > 0 && keys.every((k) => selected.has(k));
                      return (
                        <th key={m} scope="col" title={monthLabel(t, locale, m)}>
                          <label className="optim-month-pick">
                            <input
                              type="checkbox"
                              data-testid={`rotation-month-${m}`}
                              aria-label={t('optim.rotation.selectMonth', { month: monthLabel(t, locale, m) })}
                              disabled={keys.length === 0}
                              checked={all}
                              onChange={(e) => toggle(keys, e.target.checked)}
                            />
                            {monthLabel(t, locale, m, true)}
                          </label>
                        </th>
                      );
                    })}
                  </tr>
                </thead>
                <tbody>
                  {calendar.depots.map((d) => (
                    <tr key={d} data-depot={d}>
                      <th scope="row" className="optim-depot-col" title={depotName.get(d) ?? d}>
                        {depotName.get(d) ?? d}
                      </th>
                      {calendar.months.map((m) => {
                        const c = calendar.cells.get(cellKey(d, m));
                        if (!c) return <td key={m} />;
                        const on = c.keys.every((k) => selected.has(k));
                        const lines = Object.entries(c.byCategory)
                          .map(([code, q]) => {
                            const cat = category.get(code);
                            return `${cat ? nameOf(locale, cat) : code} ${fmt(q)} ${cat ? (locale === 'zh-CN' ? cat.unit : cat.unitEn) : ''}`.trim();
                          })
                          .join('、');
                        const floor = c.floor
                          ? c.floor.belowAtStart
                            ? t('optim.rotation.floorLow', { held: fmt(c.floor.held), floor: fmt(c.floor.floor) })
                            : t('optim.rotation.floorKept', { held: fmt(c.floor.held), floor: fmt(c.floor.floor) })
                          : '';
                        const title = `${t('optim.rotation.cell', { depot: depotName.get(d) ?? d, month: monthLabel(t, locale, m), lines })}${floor ? `\n${floor}` : ''}`;
                        return (
                          <td key={m} className={on ? 'optim-cell optim-cell-on' : 'optim-cell'}>
                            <button type="button" data-testid="rotation-cell" data-month={m} data-selected={on} title={title} aria-pressed={on} onClick={() => toggle(c.keys, !on)}>
                              {fmt(c.total)}
                            </button>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <RotationIssue
            view={view}
            region={region}
            extra={
              view.unplanned.length > 0 && (
            <details className="optim-unplanned" data-testid="rotation-unplanned">
              <summary>{t('optim.rotation.unplanned', { n: view.unplanned.length })}</summary>
              <ul>
                {view.unplanned.map((u) => (
                  <li key={`${u.lot}|${u.depot}`} data-code={u.code}>
                    <strong>{depotName.get(u.depot) ?? u.depot}</strong>：{t(`optim.unplanned.${u.code}`)}
                    <span className="cell-sub optim-reason">
                      {' '}
                      {t('optim.rotation.lot')} <code>{u.lot}</code> · {u.reason}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
              )
            }
          />
        </>
      )}
    </section>
  );
}
