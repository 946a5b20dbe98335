import type { CategoryClass } from '../../../shared/domain/events';
import { CATEGORY_CLASSES } from '../../../shared/domain/events';
import { planBand, planColour, toCss } from '../../../shared/domain/colour-scales';
import { GroupedNumber } from '../components/GroupedNumber';
import { filterSelectors, useFilterStore } from '../filters/filter-store';
import { formatPercent, formatTenThousands } from '../format/numbers';
import { label } from '../format/labels';
import { useTimeFormat } from '../format/time-zone-store';
import { useLocale, useT } from '../i18n';
import { situationSelectors, useSituationStore } from '../stores/situation-store';
import { useWallStore, wallSelectors } from '../walls/wall-store';

type Counter = 'depotsUnderFloor' | 'lotsExpiring30' | 'lotsExpiring90' | 'openAlerts' | 'regionsInEmergency';
const COUNTERS: readonly { key: Counter; testId: string }[] = [
  { key: 'depotsUnderFloor', testId: 'kpi-depots-under-floor' },
  { key: 'lotsExpiring30', testId: 'kpi-lots-expiring-30' },
  { key: 'lotsExpiring90', testId: 'kpi-lots-expiring-90' },
  { key: 'openAlerts', testId: 'kpi-open-alerts' },
  { key: 'regionsInEmergency', testId: 'kpi-regions-in-emergency' },
];

/**
 * The national KPI strip: per class the persons its stock supports for the standard 7-day
 * response (万人·7天) with its share of plan held (a tile filters by its class), the share of
 * the planned reserve held over all classes, then the counters (a tile opens the alerts wall).
 */
export function KpiStrip() {
  const shortTime = useTimeFormat();
  const t = useT();
  const locale = useLocale();
  const kpis = useSituationStore(situationSelectors.kpis);
  const filter = useFilterStore(filterSelectors.filter);
  const { toggleClass } = useFilterStore(filterSelectors.actions);
  const { select } = useWallStore(wallSelectors.actions);
  if (!kpis) return <section className="panel kpi-strip" data-testid="kpi-strip" />;
  const classes = CATEGORY_CLASSES.filter((c) => c in kpis.personsSupportedByClass);
  const planText = (share: number | undefined | null) => (share === undefined || share === null ? t('figures.noPlan') : t('figures.planOf', { pct: formatPercent(locale, share) }));
  return (
    <section className="panel kpi-strip" data-testid="kpi-strip" data-version={kpis.dataVersion} aria-label={t('kpis.title')}>
      {/* The unit stands once over the class tiles, so a narrow tile keeps its figure on one line. */}
      <p className="kpi-caption" title={t('figures.personsHint')}>
        {t('kpis.personsCaption', { unit: t('figures.personsUnit') })}
      </p>
      <div className="kpi-days" title={t('figures.personsHint')}>
        {classes.map((cls: CategoryClass) => {
          const persons = kpis.personsSupportedByClass[cls] ?? 0;
          const plan = kpis.planCompletionByClass[cls];
          return (
            <button
              key={cls}
              type="button"
              className="kpi-card kpi-class"
              data-testid={`kpi-persons-${cls}`}
              data-value={persons}
              data-plan={plan ?? ''}
              aria-pressed={filter.classes.includes(cls)}
              onClick={() => toggleClass(cls)}
            >
              {/* The caption above says what the figure is; the tile names its class, so three fit a laptop's column. */}
              <span className="kpi-card-label" title={t('figures.persons', { cls: label(t, 'class', cls) })}>
                {label(t, 'class', cls)}
              </span>
              <span className="kpi-card-value" title={`${formatTenThousands(locale, persons)} ${t('figures.personsUnit')}`}>
                {formatTenThousands(locale, persons)}
              </span>
              <small className="kpi-card-sub" data-band={plan === undefined ? undefined : planBand(plan)} style={{ color: toCss(planColour(plan ?? null)) }}>
                {planText(plan)}
              </small>
            </button>
          );
        })}
        <div className="kpi-card kpi-plan" title={t('figures.planHint')} data-testid="kpi-plan-completion" data-value={kpis.planCompletion ?? ''}>
          <span className="kpi-card-label">{t('figures.plan')}</span>
          <span className="kpi-card-value" style={{ color: toCss(planColour(kpis.planCompletion)) }}>
            {kpis.planCompletion === null ? t('figures.noPlan') : formatPercent(locale, kpis.planCompletion)}
          </span>
          {kpis.planCompletion !== null && <small className="kpi-card-sub">{label(t, 'figures.plan', planBand(kpis.planCompletion))}</small>}
        </div>
      </div>
      <div className="kpi-counters">
        {COUNTERS.map(({ key, testId }) => (
          <button
            key={key}
            type="button"
            className={`kpi-card kpi-counter${kpis[key] > 0 && key !== 'lotsExpiring90' ? ' kpi-alarm' : ''}`}
            onClick={() => select('alerts-tasks')}
          >
            <span className="kpi-card-label">{t(`kpis.${key}`)}</span>
            <GroupedNumber className="kpi-card-value" value={kpis[key]} testId={testId} />
          </button>
        ))}
      </div>
      {kpis.asOf && <p className="kpi-asof">{t('kpis.asOf', { time: shortTime(kpis.asOf) })}</p>}
    </section>
  );
}
